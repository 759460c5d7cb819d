import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3027 } from "./DL3027.js";

testRule(DL3027, {
  catches: [
    { dockerfile: "FROM debian\nRUN apt install -y curl", column: 5 },
    "FROM debian\nRUN apt update && apt upgrade -y",
    "FROM debian\nRUN /usr/bin/apt install -y x",
  ],
  passes: [
    "FROM debian\nRUN apt-get install -y curl",
    "FROM debian\nRUN apt-cache policy curl",
    "FROM debian\nRUN echo apt",
  ],
  fixes: [["FROM debian\nRUN apt install -y curl\n", "FROM debian\nRUN apt-get install -y curl\n"]],
  onbuild: true,
});
