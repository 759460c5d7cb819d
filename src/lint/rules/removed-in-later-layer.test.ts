import { describe, expect, it } from "vitest";
import { findingsOf, testRule } from "../../../test/helpers/rule-tester.js";
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

describe("which earlier layer a deleted path blames", () => {
  const messages = (text: string) => findingsOf(removedInLaterLayer, text).map((f) => f.message);

  it("the first layer that added something under the path, once per rm argument", () => {
    const text = "FROM a\nRUN mkdir /srv/a\nCOPY b /srv/b\nRUN rm -rf /srv/b /srv";
    expect(messages(text)).toEqual([
      "/srv/b is deleted here but was added by the COPY on line 3: that layer still ships it",
      "/srv is deleted here but was added by the RUN on line 2: that layer still ships it",
    ]);
  });

  it("globs match names inside their folder only", () => {
    const text = "FROM a\nCOPY x /opt/lib/app-1.jar\nCOPY y /opt/app-2.jar\nRUN rm /opt/app-*.jar";
    expect(messages(text)).toEqual([
      "/opt/app-*.jar is deleted here but was added by the COPY on line 3: that layer still ships it",
    ]);
  });

  it("scratch space written by RUN and the root folder are not layers' waste", () => {
    expect(messages("FROM a\nRUN mkdir /tmp/x\nRUN cp a /\nRUN rm -rf /tmp/x /*")).toEqual([]);
  });
});
