import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3009 } from "./DL3009.js";

testRule(DL3009, {
  catches: [
    { dockerfile: "FROM debian\nRUN apt-get update && apt-get install -y curl", line: 2, column: 23 },
    "FROM debian\nRUN apt-get install -y curl && rm -rf /tmp/*",
    "FROM debian AS base\nRUN apt-get update && apt-get install -y curl\nFROM base",
  ],
  passes: [
    "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
    "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl",
    "FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /a /a",
    "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists",
  ],
  fixes: [
    [
      "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
      "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    ],
  ],
  onbuild: true,
});
