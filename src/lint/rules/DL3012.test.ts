import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3012 } from "./DL3012.js";

testRule(DL3012, {
  catches: [
    "FROM a\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b",
    "FROM a\nHEALTHCHECK NONE\nHEALTHCHECK CMD b",
    "FROM a\nHEALTHCHECK CMD a\nRUN x\nHEALTHCHECK CMD b",
  ],
  passes: ["FROM a\nHEALTHCHECK CMD a", "FROM a\nHEALTHCHECK CMD a\nFROM b\nHEALTHCHECK CMD b", "FROM a\nCMD a"],
});
