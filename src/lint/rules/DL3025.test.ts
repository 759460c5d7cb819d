import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3025 } from "./DL3025.js";

testRule(DL3025, {
  catches: [
    "FROM a\nCMD node server.js",
    "FROM a\nENTRYPOINT /entrypoint.sh",
    "FROM a\nCMD python app.py && echo done",
  ],
  passes: ['FROM a\nCMD ["node", "server.js"]', 'FROM a\nENTRYPOINT ["/entrypoint.sh"]', "FROM a\nRUN node x"],
  fixes: [["FROM a\nCMD node server.js\n", 'FROM a\nCMD ["node", "server.js"]\n']],
});
