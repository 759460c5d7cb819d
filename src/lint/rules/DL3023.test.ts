import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3023 } from "./DL3023.js";

testRule(DL3023, {
  catches: [
    "FROM a AS app\nCOPY --from=app /a /b",
    "FROM a\nCOPY --from=0 /a /b",
    "FROM a AS x\nFROM b AS y\nCOPY --from=y /a /b",
  ],
  passes: [
    "FROM a AS x\nFROM b\nCOPY --from=x /a /b",
    "FROM a\nCOPY /a /b",
    "FROM a AS x\nFROM b AS y\nCOPY --from=0 /a /b",
  ],
});
