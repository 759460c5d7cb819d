import { describe, expect, it } from "vitest";
import { ImagedietError } from "../errors.js";
import { checkName, inferChecks, parseChecksFile } from "./checks.js";

describe("parseChecksFile", () => {
  it("reads the documented form", () => {
    const checks = parseChecksFile(
      `checks:
  - http: { port: 8080, path: /health, status: 200 }
  - command: ["/app/rcli", "hello"]
    expect: { exitCode: 0, stdoutContains: "hello" }
  - test: ["pytest", "-q"]
  - nonRoot: true
`,
      "imagediet.yaml",
    );
    expect(checks.map(checkName)).toEqual([
      "http GET :8080/health → 200",
      "command /app/rcli hello",
      "test pytest -q",
      "non-root user",
    ]);
    expect(checks[0]).toEqual({ http: { port: 8080, path: "/health", status: 200, timeoutSeconds: 30 } });
    expect(checks[1]).toEqual({ command: ["/app/rcli", "hello"], expect: { exitCode: 0, stdoutContains: "hello" } });
  });

  it("names the file, the line and the key of a mistake", () => {
    const text = "checks:\n  - http: { port: 8080 }\n  - command: [rcli]\n    expct: { exitCode: 0 }\n";
    expect(() => parseChecksFile(text, "app/imagediet.yaml")).toThrow(ImagedietError);
    try {
      parseChecksFile(text, "app/imagediet.yaml");
      expect.unreachable();
    } catch (error) {
      expect((error as ImagedietError).format()).toBe('app/imagediet.yaml:3: checks.1: Unrecognized key: "expct"');
    }
    expect(() => parseChecksFile("checks:\n  - htp: { port: 1 }\n", "imagediet.yaml")).toThrow(
      "checks.0: each check is one of http, command (with expect), test, nonRoot, libraries, caBundle, timezones or dns",
    );
    try {
      parseChecksFile("checks:\n  - http: { port: 99999 }\n", "imagediet.yaml");
      expect.unreachable();
    } catch (error) {
      expect((error as ImagedietError).format()).toMatch(/^imagediet.yaml:2: checks.0.http.port: /);
    }
    try {
      parseChecksFile("checks: [\n", "imagediet.yaml");
      expect.unreachable();
    } catch (error) {
      expect((error as ImagedietError).format()).toMatch(/^imagediet.yaml:\d+: .*[Ff]low/);
    }
  });

  it("takes an empty file as no checks", () => {
    expect(parseChecksFile("", "imagediet.yaml")).toEqual([]);
  });
});

describe("inferChecks", () => {
  it("probes the first exposed port of a server, and always asks for a non-root user", () => {
    const checks = inferChecks({
      exposedPorts: [8080, 9090],
      entrypoint: ["/app/server"],
      user: "app",
      minimal: false,
    });
    expect(checks.map(checkName)).toEqual(["http GET :8080/ → <500", "non-root user"]);
  });

  it("runs the entrypoint of a CLI image and checks libraries when the image is minimal", () => {
    const checks = inferChecks({
      exposedPorts: [],
      entrypoint: ["/rcli", "--version"],
      user: undefined,
      minimal: true,
    });
    expect(checks.map(checkName)).toEqual([
      "command /rcli --version",
      "non-root user",
      "shared libraries present",
      "host names resolve",
    ]);
  });

  it("asks minimal images for a CA bundle and zoneinfo when the app's sources use HTTPS and time zones", () => {
    const image = { exposedPorts: [8080], entrypoint: ["/server"], user: "65532", minimal: true };
    expect(inferChecks(image, { https: true, timezones: true }).map(checkName)).toEqual([
      "http GET :8080/ → <500",
      "non-root user",
      "shared libraries present",
      "host names resolve",
      "CA bundle present",
      "zoneinfo present",
    ]);
    expect(inferChecks({ ...image, minimal: false }, { https: true, timezones: true }).map(checkName)).toEqual([
      "http GET :8080/ → <500",
      "non-root user",
    ]);
  });

  it("reads caBundle, timezones and dns from imagediet.yaml", () => {
    const checks = parseChecksFile(
      "checks:\n  - caBundle: true\n  - timezones: false\n  - dns: true\n",
      "imagediet.yaml",
    );
    expect(checks).toEqual([{ caBundle: true }, { timezones: false }, { dns: true }]);
  });
});
