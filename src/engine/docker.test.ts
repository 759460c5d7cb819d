import { describe, expect, it } from "vitest";
import { BuildKitLog } from "./docker.js";

describe("BuildKit's plain progress", () => {
  it("names each step once and the steps taken from the cache", () => {
    const log = new BuildKitLog();
    for (const line of [
      "#1 [internal] load build definition from Dockerfile",
      "#5 [build 2/4] COPY go.mod ./",
      "#5 CACHED",
      "#6 [build 3/4] RUN go mod download",
      "#6 0.512 go: downloading golang.org/x/net v0.1.0",
      "#6 DONE 3.1s",
      "#7 [stage-1 1/1] COPY --from=build /app/server /app/server",
    ])
      log.read(line);
    expect(log.steps).toEqual(["COPY go.mod ./", "RUN go mod download", "COPY --from=build /app/server /app/server"]);
    expect(log.cachedSteps).toEqual(["COPY go.mod ./"]);
  });
});
