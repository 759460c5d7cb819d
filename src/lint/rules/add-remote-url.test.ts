import { testRule } from "../../../test/helpers/rule-tester.js";
import { addRemoteUrl } from "./add-remote-url.js";

testRule(addRemoteUrl, {
  catches: [
    "FROM a\nADD https://example.com/tool.tar.gz /opt/",
    "FROM a\nADD http://x/y /y",
    "FROM a\nADD --chown=1:1 https://x/a.bin /a",
  ],
  passes: [
    "FROM a\nADD --checksum=sha256:abc https://example.com/tool.tar.gz /opt/",
    "FROM a\nADD tool.tar.gz /opt/",
    "FROM a\nADD https://github.com/moby/buildkit.git#v0.14.1 /src",
  ],
});
