import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3003 } from "./DL3003.js";

testRule(DL3003, {
  catches: [
    "FROM debian\nRUN cd /app && make",
    "FROM debian\nRUN make; cd /x",
    "FROM debian\nRUN <<EOF\ncd /src\nmake\nEOF\n",
  ],
  passes: ["FROM debian\nWORKDIR /app\nRUN make", "FROM debian\nRUN (cd /src && make)", "FROM debian\nRUN echo cd"],
  onbuild: true,
});
