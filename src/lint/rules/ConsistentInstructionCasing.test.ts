import { testRule } from "../../../test/helpers/rule-tester.js";
import { ConsistentInstructionCasing } from "./ConsistentInstructionCasing.js";

testRule(ConsistentInstructionCasing, {
  catches: ["FROM a\nrun echo hi\nRUN x", "from a\nrun x\nRUN y", "FROM a\nCopy . .\nRUN x"],
  passes: ["FROM a\nRUN x", "from a\nrun x", "FROM a\nRUN x\nCMD y"],
  fixes: [["FROM a\nrun x\nRUN y\n", "FROM a\nRUN x\nRUN y\n"]],
});
