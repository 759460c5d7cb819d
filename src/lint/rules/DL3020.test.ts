import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3020 } from "./DL3020.js";

testRule(DL3020, {
  catches: ["FROM a\nADD requirements.txt /app/", "FROM a\nADD . /app", "FROM a\nadd src /src"],
  passes: [
    "FROM a\nADD https://example.com/a.tgz /a",
    "FROM a\nADD app.tar.gz /opt/",
    "FROM a\nCOPY . /app",
    "FROM a\nADD --checksum=sha256:abc https://x/y /y",
  ],
  fixes: [["FROM a\nADD . /app\n", "FROM a\nCOPY . /app\n"]],
});
