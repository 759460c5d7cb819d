import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3004 } from "./DL3004.js";

testRule(DL3004, {
  catches: [
    "FROM debian\nRUN sudo apt-get install -y curl",
    "FROM debian\nRUN make && sudo make install",
    "FROM debian\nRUN (sudo ls)",
  ],
  passes: [
    "FROM debian\nRUN apt-get install -y curl",
    "FROM debian\nRUN echo sudo",
    "FROM debian\nRUN apt-get install -y sudo",
  ],
  onbuild: true,
});
