import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3063 } from "./DL3063.js";

testRule(DL3063, {
  catches: ["FROM a AS scratch", "FROM a AS context", "FROM a AS Scratch"],
  passes: ["FROM a AS base", "FROM scratch", "FROM a AS scratchpad"],
});
