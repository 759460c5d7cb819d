import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3000 } from "./DL3000.js";

testRule(DL3000, {
  catches: ["FROM a\nWORKDIR app", "FROM a\nWORKDIR ./src", "FROM a\nWORKDIR usr/src/app"],
  passes: [
    "FROM a\nWORKDIR /app",
    'FROM a\nWORKDIR "${APP_DIR}"',
    "FROM a\nWORKDIR $HOME/app",
    "FROM a\nWORKDIR C:\\\\app",
  ],
});
