import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3061 } from "./DL3061.js";

testRule(DL3061, {
  catches: ["LABEL a=b\nFROM a", "RUN x\nFROM a", "ARG X\nENV A=1\nFROM a"],
  passes: ["FROM a\nLABEL a=b", "ARG X=1\nFROM a", "# comment\nFROM a"],
});
