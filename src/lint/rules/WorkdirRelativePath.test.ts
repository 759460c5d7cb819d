import { testRule } from "../../../test/helpers/rule-tester.js";
import { WorkdirRelativePath } from "./WorkdirRelativePath.js";

testRule(WorkdirRelativePath, {
  catches: ["FROM a\nWORKDIR app", "FROM a\nWORKDIR src\nWORKDIR /x", "FROM a\nWORKDIR /x\nFROM b\nWORKDIR y"],
  passes: [
    "FROM a\nWORKDIR /usr\nWORKDIR src",
    "FROM a AS base\nWORKDIR /app\nFROM base\nWORKDIR sub",
    "FROM a\nWORKDIR /app",
  ],
});
