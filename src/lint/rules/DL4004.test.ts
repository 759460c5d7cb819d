import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL4004 } from "./DL4004.js";

testRule(DL4004, {
  catches: [
    'FROM a\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]',
    "FROM a\nENTRYPOINT a\nRUN x\nENTRYPOINT b",
    "FROM a\nENTRYPOINT a\nENTRYPOINT b\nENTRYPOINT c",
  ],
  passes: [
    'FROM a\nENTRYPOINT ["a"]',
    'FROM a\nENTRYPOINT ["a"]\nFROM b\nENTRYPOINT ["b"]',
    "FROM a\nENTRYPOINT a\nCMD b",
  ],
});
