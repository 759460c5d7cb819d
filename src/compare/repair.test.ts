import { describe, expect, it } from "vitest";
import { parse } from "../dockerfile/parse.js";
import { insertIntoFinalStage } from "./repair.js";

describe("insertIntoFinalStage", () => {
  it("adds lines right after the final FROM, before USER, keeping the rest byte for byte", () => {
    const text = [
      "FROM gcc:12 AS build",
      "RUN gcc -o /app/x x.c",
      "",
      "FROM scratch",
      "COPY --from=build /app/x /app/x",
      "USER 65532:65532",
      'CMD ["/app/x"]',
      "",
    ].join("\n");
    const out = insertIntoFinalStage(text, "Dockerfile", [
      "COPY --from=build /lib64/ld-linux-x86-64.so.2 /lib64/ld-linux-x86-64.so.2",
    ]);
    expect(out).toBe(
      text.replace(
        "FROM scratch\n",
        "FROM scratch\nCOPY --from=build /lib64/ld-linux-x86-64.so.2 /lib64/ld-linux-x86-64.so.2\n",
      ),
    );
    const final = parse(out).stages[1];
    expect(final?.instructions.map((i) => i.keyword)).toEqual(["FROM", "COPY", "COPY", "USER", "CMD"]);
  });
});
