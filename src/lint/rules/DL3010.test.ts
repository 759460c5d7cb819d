import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3010 } from "./DL3010.js";

testRule(DL3010, {
  catches: [
    "FROM a\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt",
    "FROM a\nCOPY dist/x.tgz /x.tgz\nRUN tar xf /x.tgz",
    "FROM a\nCOPY a.tar /a.tar\nRUN cd / && tar -xvf a.tar",
  ],
  passes: [
    "FROM a\nADD app.tar.gz /opt/",
    "FROM a\nCOPY app.tar.gz /tmp/",
    "FROM a\nCOPY app.tar.gz /tmp/\nRUN tar -czf /b.tgz /tmp",
  ],
});
