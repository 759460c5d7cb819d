import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3002 } from "./DL3002.js";

testRule(DL3002, {
  catches: ["FROM a\nUSER root", "FROM a\nUSER app\nUSER 0:0", "FROM a AS base\nUSER root\nFROM base\nRUN x"],
  passes: ["FROM a\nUSER root\nRUN x\nUSER app", "FROM a\nUSER root\nFROM b\nUSER 1000", "FROM a\nRUN x"],
});
