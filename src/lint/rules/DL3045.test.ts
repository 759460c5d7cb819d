import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3045 } from "./DL3045.js";

testRule(DL3045, {
  catches: ["FROM a\nCOPY package.json .", "FROM a\nCOPY a app/", "FROM a\nWORKDIR /x\nFROM b\nCOPY a ."],
  passes: [
    "FROM a\nWORKDIR /app\nCOPY package.json .",
    "FROM a\nCOPY a /app/",
    "FROM a AS base\nWORKDIR /app\nFROM base\nCOPY a .",
  ],
});
