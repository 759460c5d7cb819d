import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { imagediet } from "../helpers/cli.js";
import { ROOT } from "../helpers/shared.js";

const FIXTURES = join(ROOT, "test", "fixtures", "lint");
const APP = join(FIXTURES, "app", "Dockerfile");

function copyApp(): string {
  const dir = mkdtempSync(join(tmpdir(), "imagediet-lint-"));
  cpSync(join(FIXTURES, "app"), dir, { recursive: true });
  return dir;
}

describe("imagediet lint", () => {
  it("reports findings with exact positions as JSON", () => {
    const { code, stdout } = imagediet(["lint", "-f", "json", APP]);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout);
    const dl3014 = findings.find((f: { rule: string }) => f.rule === "DL3014");
    expect(dl3014).toMatchObject({
      line: 2,
      column: 23,
      endLine: 2,
      endColumn: 43,
      severity: "warning",
      fixable: true,
      aliases: [],
    });
    expect(Object.keys(dl3014)).toEqual(
      expect.arrayContaining([
        "file",
        "line",
        "column",
        "endLine",
        "endColumn",
        "rule",
        "aliases",
        "severity",
        "message",
        "fixable",
      ]),
    );
  });

  it("honours hadolint and imagediet ignore pragmas for the next instruction", () => {
    const findings = JSON.parse(imagediet(["lint", "-f", "json", APP]).stdout) as { rule: string; line: number }[];
    expect(findings.filter((f) => f.rule === "DL3015").map((f) => f.line)).toEqual([2]);
    expect(findings.filter((f) => f.rule === "DL3003")).toEqual([]);
  });

  it("honours BuildKit's # check=skip directive", () => {
    const { stdout } = imagediet(["lint", "-f", "json", join(FIXTURES, "nested", "api.Dockerfile")]);
    expect(JSON.parse(stdout).map((f: { rule: string }) => f.rule)).not.toContain("StageNameCasing");
  });

  it("discovers Dockerfile, Containerfile and *.Dockerfile in folders, not backups", () => {
    const { stdout } = imagediet(["lint", "-f", "json", "--failure-threshold", "none", join(FIXTURES, "nested")]);
    const files = [...new Set(JSON.parse(stdout).map((f: { file: string }) => f.file))].sort();
    expect(files.some((f) => String(f).endsWith("svc/Containerfile"))).toBe(true);
    expect(files.some((f) => String(f).endsWith(".bak"))).toBe(false);
  });

  it("reads stdin with -", () => {
    const { code, stdout } = imagediet(["lint", "-f", "json", "-"], {
      input: "FROM alpine:3.20\nRUN apk add curl\nUSER 1\n",
    });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).map((f: { rule: string }) => f.rule)).toEqual(["DL3019"]);
  });

  it("exits 0 below the threshold and 1 at it", () => {
    expect(
      imagediet(["lint", "-t", "error", "-"], { input: "FROM alpine:3.20\nRUN apk add curl\nUSER 1\n" }).code,
    ).toBe(0);
    expect(imagediet(["lint", "-t", "info", "-"], { input: "FROM alpine:3.20\nRUN apk add curl\nUSER 1\n" }).code).toBe(
      1,
    );
    expect(imagediet(["lint", "-t", "none", APP]).code).toBe(0);
  });

  it("exits 2 on a parse error but still reports the other findings", () => {
    const { code, stdout } = imagediet(["lint", "-f", "json", "-"], {
      input: "FROM alpine:3.20\nRUN apk add curl\nRUN <<EOF\necho\n",
    });
    expect(code).toBe(2);
    const rules = JSON.parse(stdout).map((f: { rule: string }) => f.rule);
    expect(rules).toContain("parse-error");
    expect(rules).toContain("DL3019");
  });

  it("names the key path of a bad config and exits 2", () => {
    const { code, stderr } = imagediet(["lint", join(FIXTURES, "bad-config", "Dockerfile")]);
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/\.imagediet\.yaml:3:3: lint\.ignored: expected a list, got string "DL3006"$/);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("takes overrides from the environment", () => {
    const env = { ...process.env, IMAGEDIET_IGNORE: "DL3019" };
    const result = imagediet(["lint", "-f", "json", "-"], {
      input: "FROM alpine:3.20\nRUN apk add curl\nUSER 1\n",
      env,
    });
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it("prints a code frame with a caret under the range in tty output", () => {
    const { stdout } = imagediet(["lint", "--no-color", APP]);
    expect(stdout).toContain("2 | RUN apt-get update && apt-get install curl");
    expect(stdout).toMatch(/\n\s+\| {23}\^{20}\n/);
    expect(stdout).toMatch(/✖ \d+ problems \(.*\) in 1 file; \d+ fixable with --fix/);
  });

  it("writes GitHub annotations and Checkstyle XML", () => {
    const github = imagediet(["lint", "-f", "github", APP]).stdout;
    expect(github).toMatch(/^::warning file=.*Dockerfile,line=2,col=23,endLine=2,endColumn=43,title=DL3014::DL3014: /m);
    const checkstyle = imagediet(["lint", "-f", "checkstyle", APP]).stdout;
    expect(checkstyle).toMatch(
      /<error line="2" column="23" severity="warning" message="[^"]+" source="imagediet.DL3014"\/>/,
    );
  });

  it("writes SARIF 2.1.0 that validates against the official schema", () => {
    const sarif = JSON.parse(imagediet(["lint", "-f", "sarif", APP]).stdout);
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
    );
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === "DL3014");
    expect(rule.helpUri).toMatch(/docs\/rules\/DL3014\.md$/);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toHaveProperty("startColumn");
  });

  it("--fix-dry-run prints a unified diff and changes nothing", () => {
    const dir = copyApp();
    const file = join(dir, "Dockerfile");
    const before = readFileSync(file, "utf8");
    const { stdout } = imagediet(["lint", "--fix-dry-run", "--no-color", file]);
    expect(stdout).toContain("-RUN apt-get update && apt-get install curl");
    expect(stdout).toContain(
      "+RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*",
    );
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("--fix applies the safe fixes, keeps the rest byte for byte and writes a backup", () => {
    const dir = copyApp();
    const file = join(dir, "Dockerfile");
    const before = readFileSync(file, "utf8");
    imagediet(["lint", "--fix", file]);
    const after = readFileSync(file, "utf8");
    expect(readFileSync(`${file}.bak`, "utf8")).toBe(before);
    expect(after.split("\n")[1]).toBe(
      "RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*",
    );
    expect(after.split("\n").slice(2)).toEqual(before.split("\n").slice(2));
    const again = JSON.parse(imagediet(["lint", "-f", "json", file]).stdout) as { fixable: boolean }[];
    expect(again.filter((f) => f.fixable)).toEqual([]);
  });

  it("--fix --no-backup writes no backup", () => {
    const dir = copyApp();
    const file = join(dir, "Dockerfile");
    imagediet(["lint", "--fix", "--no-backup", file]);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  it("reads .imagediet.yaml found upward from the Dockerfile", () => {
    const dir = copyApp();
    writeFileSync(
      join(dir, ".imagediet.yaml"),
      "lint:\n  ignored: [DL3014, DL3015, DL3009]\n  failureThreshold: error\n",
    );
    const { code, stdout } = imagediet(["lint", "-f", "json", join(dir, "Dockerfile")]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((f: { rule: string }) => f.rule)).not.toContain("DL3014");
  });

  it("reads hadolint's .hadolint.yaml from the working folder when no .imagediet.yaml is found", () => {
    const { code, stdout, stderr } = imagediet(["lint", "--verbose", "Dockerfile"], {
      cwd: join(FIXTURES, "hadolint"),
      env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), "imagediet-home-")) },
    });
    expect(stderr).toContain(`configuration from ${join(FIXTURES, "hadolint", ".hadolint.yaml")}`);
    const findings = JSON.parse(stdout) as { rule: string; severity: string }[];
    expect(findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(["DL3006 error"]);
    expect(code).toBe(1);
  });

  it("reads hadolint.yaml from $XDG_CONFIG_HOME, and hadolint's variables", () => {
    const cwd = mkdtempSync(join(tmpdir(), "imagediet-lint-"));
    const env = {
      ...process.env,
      HOME: cwd,
      XDG_CONFIG_HOME: join(FIXTURES, "xdg"),
      HADOLINT_OVERRIDE_INFO: "DL3006",
    };
    const { code, stdout } = imagediet(["lint", "-f", "json", join(FIXTURES, "hadolint", "Dockerfile")], { cwd, env });
    const findings = JSON.parse(stdout) as { rule: string; severity: string }[];
    expect(findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(["DL3006 info", "DL3019 style"]);
    expect(code).toBe(0);
  });

  it("an .imagediet.yaml wins over hadolint's file", () => {
    const dir = copyApp();
    writeFileSync(join(dir, ".hadolint.yaml"), "ignored: [DL3014]\n");
    writeFileSync(join(dir, ".imagediet.yaml"), "lint:\n  ignored: [DL3015]\n");
    const { stdout } = imagediet(["lint", "-f", "json", "Dockerfile"], { cwd: dir });
    const rules = JSON.parse(stdout).map((f: { rule: string }) => f.rule);
    expect(rules).toContain("DL3014");
    expect(rules).not.toContain("DL3015");
  });

  it("Dockerfiles of one folder share its config and context listing but each reads its own .dockerignore", () => {
    const dir = mkdtempSync(join(tmpdir(), "imagediet-lint-"));
    writeFileSync(join(dir, ".imagediet.yaml"), "lint:\n  ignored: [DL3006]\n");
    writeFileSync(join(dir, "notes.md"), "notes\n");
    for (const name of ["a.Dockerfile", "b.Dockerfile"])
      writeFileSync(join(dir, name), "FROM alpine\nCOPY notes.md /\n");
    writeFileSync(join(dir, "a.Dockerfile.dockerignore"), "*.md\n");
    const { stdout } = imagediet(["lint", "-f", "json", "--failure-threshold", "none", dir]);
    const findings = JSON.parse(stdout) as { file: string; rule: string }[];
    const rulesOf = (name: string) => findings.filter((f) => f.file.endsWith(name)).map((f) => f.rule);
    expect(rulesOf("a.Dockerfile")).toContain("CopyIgnoredFile");
    expect(rulesOf("b.Dockerfile")).not.toContain("CopyIgnoredFile");
    expect(findings.map((f) => f.rule)).not.toContain("DL3006");
  });

  it("a YAML syntax error names the file, line and column", () => {
    const dir = copyApp();
    writeFileSync(join(dir, ".imagediet.yaml"), "lint:\n  ignored: [DL3006\n  x: 1\n");
    const { code, stderr } = imagediet(["lint", join(dir, "Dockerfile")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\.imagediet\.yaml:3:3: invalid YAML: /);
  });

  it("an unknown rule on the command line, or a missing --context, is an error", () => {
    const ignore = imagediet(["lint", "--ignore", "DL3015,DL3O14", APP]);
    expect(ignore.code).toBe(2);
    expect(ignore.stderr.trim()).toBe(
      '--ignore: unknown rule "DL3O14" (did you mean DL3014?); `imagediet rules` lists them',
    );
    const context = imagediet(["lint", "--context", join(FIXTURES, "no-such-folder"), APP]);
    expect(context.code).toBe(2);
    expect(context.stderr).toMatch(/no-such-folder: the build context is not a directory/);
  });

  it("lists every rule", () => {
    const { code, stdout } = imagediet(["rules", "--json"]);
    expect(code).toBe(0);
    const rules = JSON.parse(stdout);
    expect(rules.length).toBeGreaterThan(70);
    expect(rules.find((r: { id: string }) => r.id === "DL3008").enabledByDefault).toBe(false);
  });
});
