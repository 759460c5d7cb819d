import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3015 } from "./DL3015.js";

testRule(DL3015, {
  catches: [
    { dockerfile: "FROM debian\nRUN apt-get install -y curl", line: 2, column: 5 },
    "FROM debian\nRUN apt-get update && apt-get -y install curl git",
    "FROM debian\nRUN set -e; apt install -y curl",
  ],
  passes: [
    "FROM debian\nRUN apt-get install -y --no-install-recommends curl",
    "FROM debian\nRUN apt-get -o APT::Install-Recommends=false install -y curl",
    "FROM debian\nRUN apt-get update && apt-get remove -y curl",
  ],
  fixes: [
    [
      "FROM debian\nRUN apt-get install -y curl\n",
      "FROM debian\nRUN apt-get install --no-install-recommends -y curl\n",
    ],
  ],
  onbuild: true,
});
