import { testRule } from "../../../test/helpers/rule-tester.js";
import { NoEmptyContinuation } from "./NoEmptyContinuation.js";

testRule(NoEmptyContinuation, {
  catches: ["FROM a\nRUN apk add \\\n\n    curl", "FROM a\nRUN a \\\n   \n  b", "FROM a\nENV A=1 \\\n\n B=2"],
  passes: ["FROM a\nRUN apk add \\\n    curl", "FROM a\nRUN a \\\n# comment\n  b", "FROM a\n\nRUN x"],
});
