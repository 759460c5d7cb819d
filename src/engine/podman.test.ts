import { describe, expect, it } from "vitest";
import { BuildahLog } from "./podman.js";

describe("buildah's build output", () => {
  it("names each step and the steps taken from the cache, in both of its forms", () => {
    const log = new BuildahLog();
    for (const line of [
      "[1/2] STEP 1/3: FROM golang:1.22 AS build",
      "[1/2] STEP 2/3: COPY go.mod ./",
      "--> Using cache 3f1c9a0e5b2d",
      "STEP 3/3: RUN go build -o /server .",
      "--> 9a8b7c6d5e4f",
    ])
      log.read(line);
    expect(log.steps).toEqual(["FROM golang:1.22 AS build", "COPY go.mod ./", "RUN go build -o /server ."]);
    expect(log.cachedSteps).toEqual(["COPY go.mod ./"]);
  });
});
