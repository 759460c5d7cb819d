import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3022 } from "./DL3022.js";

testRule(DL3022, {
  catches: [
    "FROM a\nCOPY --from=build /a /b",
    "FROM a AS base\nFROM b\nCOPY --from=bsae /a /b",
    "FROM a\nCOPY --from=1 /a /b",
  ],
  passes: [
    "FROM a AS build\nFROM b\nCOPY --from=build /a /b",
    "FROM a\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx",
    "FROM a\nFROM b\nCOPY --from=0 /a /b",
    "ARG S=build\nFROM a AS build\nFROM b\nCOPY --from=${S} /a /b",
  ],
});
