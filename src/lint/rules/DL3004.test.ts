import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3004 } from "./DL3004.js";

testRule(DL3004, {
  catches: [
    "FROM debian\nRUN sudo apt-get install -y curl",
    "FROM debian\nRUN make && sudo make install",
    "FROM debian\nRUN (sudo ls)",
    {
      dockerfile: "FROM debian\nRUN sudo -E sh -c 'apt-get update && apt-get install -y x'",
      count: 1,
      line: 2,
      column: 5,
    },
    { dockerfile: "FROM debian\nRUN env A=1 sudo -u app make", count: 1, line: 2, column: 13 },
    { dockerfile: "FROM debian\nRUN sudo -l", count: 1 },
  ],
  passes: [
    "FROM debian\nRUN apt-get install -y curl",
    "FROM debian\nRUN echo sudo",
    "FROM debian\nRUN apt-get install -y sudo",
  ],
  onbuild: true,
  // The rule is about sudo: a sudo before each command adds findings.
  sudo: false,
});
