import { testRule } from "../../../test/helpers/rule-tester.js";
import { removedInLaterLayer } from "./removed-in-later-layer.js";

testRule(removedInLaterLayer, {
  catches: [
    "FROM a\nCOPY app.tar.gz /opt/app.tar.gz\nRUN tar -xzf /opt/app.tar.gz -C /opt\nRUN rm /opt/app.tar.gz",
    "FROM a\nRUN curl -o /opt/x.zip https://x/x.zip\nRUN rm -f /opt/x.zip",
    "FROM a\nCOPY build/ /src/\nRUN make -C /src\nRUN rm -rf /src",
  ],
  passes: [
    "FROM a\nRUN curl -o /opt/x.zip https://x && unzip /opt/x.zip && rm /opt/x.zip",
    "FROM a\nCOPY a /opt/a\nRUN rm /opt/b",
    "FROM a AS build\nCOPY x /src/x\nFROM b\nRUN rm -rf /src",
  ],
});
