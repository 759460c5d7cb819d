import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL4000 } from "./DL4000.js";

testRule(DL4000, {
  catches: [
    "FROM a\nMAINTAINER Jane <jane@example.com>",
    "FROM a\nmaintainer x",
    "FROM a\nMAINTAINER a\nFROM b\nMAINTAINER b",
  ],
  passes: ['FROM a\nLABEL org.opencontainers.image.authors="Jane"', "FROM a", "FROM a\nLABEL maintainer=x"],
  fixes: [
    [
      "FROM a\nMAINTAINER Jane <jane@example.com>\n",
      'FROM a\nLABEL org.opencontainers.image.authors="Jane <jane@example.com>"\n',
    ],
  ],
});
