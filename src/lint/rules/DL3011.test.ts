import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3011 } from "./DL3011.js";

testRule(DL3011, {
  catches: ["FROM a\nEXPOSE 80000", "FROM a\nEXPOSE 80 70000/tcp", "FROM a\nEXPOSE 65536-65540"],
  passes: ["FROM a\nEXPOSE 80", "FROM a\nEXPOSE 8000-8010/udp", "FROM a\nEXPOSE $PORT"],
});
