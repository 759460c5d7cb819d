import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3021 } from "./DL3021.js";

testRule(DL3021, {
  catches: ["FROM a\nCOPY a b /app", "FROM a\nCOPY package.json package-lock.json /app", "FROM a\nADD a b c /dst"],
  passes: ["FROM a\nCOPY a b /app/", "FROM a\nCOPY a /app", "FROM a\nCOPY a b $DEST"],
  fixes: [["FROM a\nCOPY a b /app\n", "FROM a\nCOPY a b /app/\n"]],
});
