import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3024 } from "./DL3024.js";

testRule(DL3024, {
  catches: ["FROM a AS x\nFROM b AS x", "FROM a AS x\nFROM b AS X", "FROM a AS one\nFROM b AS two\nFROM c AS one"],
  passes: ["FROM a AS x\nFROM b AS y", "FROM a\nFROM b", "FROM a AS x\nFROM x AS y"],
});
