import { testRule } from "../../../test/helpers/rule-tester.js";
import { ExposeInvalidFormat } from "./ExposeInvalidFormat.js";

testRule(ExposeInvalidFormat, {
  catches: ["FROM a\nEXPOSE 127.0.0.1:80:80", "FROM a\nEXPOSE 8080:80", "FROM a\nEXPOSE 80 0.0.0.0:443:443/tcp"],
  passes: ["FROM a\nEXPOSE 80", "FROM a\nEXPOSE 80/tcp 443", "FROM a\nEXPOSE 8000-8010"],
});
