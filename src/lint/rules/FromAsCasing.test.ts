import { testRule } from "../../../test/helpers/rule-tester.js";
import { FromAsCasing } from "./FromAsCasing.js";

testRule(FromAsCasing, {
  catches: ["FROM a as b", "from a AS b", "FROM a As b"],
  passes: ["FROM a AS b", "from a as b", "FROM a"],
  fixes: [
    ["FROM a as b\n", "FROM a AS b\n"],
    ["from a AS b\n", "from a as b\n"],
  ],
});
