import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3046 } from "./DL3046.js";

testRule(DL3046, {
  catches: [
    "FROM debian\nRUN useradd -u 1000000 app",
    "FROM debian\nRUN useradd --uid 123456 -m app",
    "FROM debian\nRUN groupadd g && useradd -g g -u 9999999 app",
  ],
  passes: [
    "FROM debian\nRUN useradd -l -u 1000000 app",
    "FROM debian\nRUN useradd -u 1000 app",
    "FROM debian\nRUN useradd --no-log-init -u 1000000 app",
  ],
  fixes: [["FROM debian\nRUN useradd -u 1000000 app\n", "FROM debian\nRUN useradd -l -u 1000000 app\n"]],
  onbuild: true,
});
