import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL4003 } from "./DL4003.js";

testRule(DL4003, {
  catches: [
    { dockerfile: 'FROM a\nCMD ["a"]\nCMD ["b"]', line: 2, count: 1 },
    "FROM a\nCMD a\nRUN x\nCMD b",
    "FROM a\nCMD a\nCMD b\nCMD c",
  ],
  passes: ['FROM a\nCMD ["a"]', 'FROM a\nCMD ["a"]\nFROM b\nCMD ["b"]', "FROM a\nENTRYPOINT a\nCMD b"],
  fixes: [['FROM a\nCMD ["a"]\nCMD ["b"]\n', 'FROM a\nCMD ["b"]\n']],
});
