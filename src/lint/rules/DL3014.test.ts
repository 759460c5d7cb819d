import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3014 } from "./DL3014.js";

testRule(DL3014, {
  catches: [
    { dockerfile: "FROM debian\nRUN apt-get install curl", line: 2, column: 5 },
    "FROM debian\nRUN apt-get update && apt-get install --no-install-recommends curl",
    "FROM debian\nRUN apt install curl",
    "FROM debian\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n",
  ],
  passes: [
    "FROM debian\nRUN apt-get install -y curl",
    "FROM debian\nRUN apt-get -qq install curl",
    "FROM debian\nRUN apt-get install --yes curl && apt-get install --assume-yes git",
    "FROM debian\nRUN apt-get update",
  ],
  fixes: [["FROM debian\nRUN apt-get install curl\n", "FROM debian\nRUN apt-get install -y curl\n"]],
  onbuild: true,
});
