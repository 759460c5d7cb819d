import { testRule } from "../../../test/helpers/rule-tester.js";
import { LegacyKeyValueFormat } from "./LegacyKeyValueFormat.js";

testRule(LegacyKeyValueFormat, {
  catches: ["FROM a\nENV NODE_ENV production", "FROM a\nLABEL maintainer jane", "FROM a\nENV PATH /usr/bin:/bin"],
  passes: ["FROM a\nENV NODE_ENV=production", "FROM a\nLABEL a=b c=d", "FROM a\nARG X"],
  fixes: [["FROM a\nENV NODE_ENV production\n", "FROM a\nENV NODE_ENV=production\n"]],
});
