import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3047 } from "./DL3047.js";

testRule(DL3047, {
  catches: [
    "FROM debian\nRUN wget https://x/y.tgz",
    "FROM debian\nRUN wget -O /tmp/a https://x/a",
    "FROM debian\nRUN cd /tmp && /usr/bin/wget https://x",
  ],
  passes: [
    "FROM debian\nRUN wget --progress=dot:giga https://x",
    "FROM debian\nRUN wget -q https://x",
    "FROM debian\nRUN wget -nv https://x && wget --quiet https://y",
  ],
  fixes: [["FROM debian\nRUN wget https://x\n", "FROM debian\nRUN wget --progress=dot:giga https://x\n"]],
  onbuild: true,
});
