import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3044 } from "./DL3044.js";

testRule(DL3044, {
  catches: ["FROM a\nENV A=/opt B=$A/bin", "FROM a\nENV A=1 B=${A}", "FROM a\nENV X=1 Y=2 Z=$X$Y"],
  passes: ["FROM a\nENV A=/opt\nENV B=$A/bin", "FROM a\nENV A=1 B=2", "FROM a\nENV PATH=$PATH:/x A=1"],
});
