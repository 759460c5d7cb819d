import { testRule } from "../../../test/helpers/rule-tester.js";
import { ExposeProtoCasing } from "./ExposeProtoCasing.js";

testRule(ExposeProtoCasing, {
  catches: ["FROM a\nEXPOSE 80/TCP", "FROM a\nEXPOSE 53/Udp", "FROM a\nEXPOSE 80 443/TCP"],
  passes: ["FROM a\nEXPOSE 80/tcp", "FROM a\nEXPOSE 80", "FROM a\nEXPOSE 53/udp"],
  fixes: [["FROM a\nEXPOSE 80/TCP\n", "FROM a\nEXPOSE 80/tcp\n"]],
});
