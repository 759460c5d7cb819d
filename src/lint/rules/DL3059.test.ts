import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3059 } from "./DL3059.js";

testRule(DL3059, {
  catches: [
    { dockerfile: "FROM debian\nRUN apt-get update\nRUN apt-get install -y curl", line: 3, count: 1 },
    { dockerfile: "FROM debian\nRUN a\nRUN b\nRUN c", count: 2 },
    "FROM debian\nRUN --mount=type=cache,target=/x a\nRUN --mount=type=cache,target=/x b",
  ],
  passes: [
    "FROM debian\nRUN a\nCOPY . .\nRUN b",
    "FROM debian\nRUN a\nRUN --mount=type=secret,id=x b",
    "FROM debian\nRUN <<EOF\na\nEOF\nRUN <<EOF\nb\nEOF\n",
    "FROM debian\nRUN a\nFROM debian\nRUN b",
  ],
});
