import { testRule } from "../../../test/helpers/rule-tester.js";
import { unknownRuleInPragma } from "./unknown-rule-in-pragma.js";

testRule(unknownRuleInPragma, {
  catches: [
    {
      dockerfile: "FROM a:1\n# hadolint ignore=DL3800\nRUN true",
      line: 2,
      column: 19,
      message: /"DL3800".*did you mean DL3000/,
    },
    { dockerfile: "FROM a:1\n# imagediet ignore=DL3008, nope reason\nRUN true", line: 2, column: 28 },
    { dockerfile: "# hadolint global ignore=DL3006,SC20\nFROM a", line: 1, column: 33 },
    { dockerfile: "# hadolint stage ignore=packge-cache-kept\nFROM a:1", message: /package-cache-kept/ },
    { dockerfile: "FROM a:1\n# hadolint ignore=DL1,DL2\nRUN true", count: 2 },
  ],
  passes: [
    "FROM a:1\n# hadolint ignore=DL3008,SC2086\nRUN true",
    "FROM a:1\n# imagediet ignore=package-cache-kept, DL3059 the cache is a mount\nRUN true",
    "# hadolint global ignore=DL3005,JSONArgsRecommended,parse-error\nFROM a:1",
    "FROM a:1\n# a comment that mentions ignore=DL9999\nRUN true",
  ],
});
