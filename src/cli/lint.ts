import { copyFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Command, Option } from "commander";
import { createTwoFilesPatch } from "diff";
import { loadShellParser } from "../dockerfile/index.js";
import { parse } from "../dockerfile/parse.js";
import { applyEnvironment, defaultLintConfig, type LintConfig, parseLintConfig } from "../lint/config.js";
import { failsThreshold, lint, PARSE_ERROR_RULE } from "../lint/engine.js";
import { fixText } from "../lint/fix.js";
import { formatCheckstyle } from "../lint/format/checkstyle.js";
import { formatGithub } from "../lint/format/github.js";
import { formatJson } from "../lint/format/json.js";
import { formatSarif } from "../lint/format/sarif.js";
import { type FileResult, helpUri, type RuleInfo } from "../lint/format/shared.js";
import { formatTty } from "../lint/format/tty.js";
import { ALL_RULES } from "../lint/rules/index.js";
import type { Severity } from "../lint/types.js";
import { discoverDockerfiles, displayPath, findConfig, readBuildContext, readYaml } from "./files.js";
import { displayName, paintPatch, readDockerfileText, stdoutColor } from "./io.js";
import { EXIT, VERSION } from "./version.js";

interface LintFlags {
  format: "tty" | "json" | "sarif" | "github" | "checkstyle";
  config?: string;
  context?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  backup: boolean;
  failureThreshold?: string;
  ignore: string[];
  enable: string[];
  color?: boolean;
}

export function ruleInfo(): Map<string, RuleInfo> {
  const map = new Map<string, RuleInfo>();
  for (const rule of ALL_RULES) {
    map.set(rule.meta.id, {
      id: rule.meta.id,
      aliases: rule.meta.aliases ?? [],
      title: rule.meta.title,
      severity: rule.meta.severity,
      fixable: rule.meta.fixable,
      helpUri: helpUri(rule.meta.id),
    });
  }
  map.set(PARSE_ERROR_RULE, {
    id: PARSE_ERROR_RULE,
    aliases: ["DL1000"],
    title: "The Dockerfile does not parse as BuildKit reads it",
    severity: "error",
    fixable: false,
    helpUri: helpUri(PARSE_ERROR_RULE),
  });
  return map;
}

const collect = (value: string, previous: string[]) => [
  ...previous,
  ...value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
];

export function registerLint(program: Command): void {
  program
    .command("lint")
    .description("find size, cache, security and correctness problems in Dockerfiles")
    .argument(
      "[paths...]",
      "Dockerfiles or folders to search (Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*); - for stdin",
      ["."],
    )
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["tty", "json", "sarif", "github", "checkstyle"])
        .default("tty"),
    )
    .option("-c, --config <file>", "configuration file (default: the nearest .imagediet.yaml)")
    .option("--context <dir>", "build context (default: the Dockerfile's folder)")
    .option("--fix", "apply safe fixes in place (keeps FILE.bak)")
    .option("--fix-dry-run", "print the fixes as a unified diff, change nothing")
    .option("--no-backup", "with --fix, do not keep FILE.bak")
    .addOption(
      new Option("-t, --failure-threshold <level>", "lowest severity that fails").choices([
        "error",
        "warning",
        "info",
        "style",
        "none",
      ]),
    )
    .option("--ignore <rules>", "rules to ignore (comma list, repeatable)", collect, [])
    .option("--enable <rules>", "opt-in rules to enable (comma list, repeatable)", collect, [])
    .option("--no-color", "no colours in tty output")
    .action(async (paths: string[], flags: LintFlags) => {
      process.exitCode = await runLint(paths, flags);
    });
}

function loadConfig(flags: LintFlags, startDir: string): LintConfig {
  const path = flags.config ?? findConfig(startDir);
  let config = path ? parseLintConfig(readYaml(path), path) : defaultLintConfig();
  config = applyEnvironment(config, process.env);
  if (flags.failureThreshold) config.failureThreshold = flags.failureThreshold as Severity | "none";
  if (flags.ignore.length) config.ignored = [...config.ignored, ...flags.ignore];
  if (flags.enable.length) config.enable = [...config.enable, ...flags.enable];
  return config;
}

async function runLint(paths: string[], flags: LintFlags): Promise<number> {
  const files = discoverDockerfiles(paths);
  await loadShellParser();
  const results: FileResult[] = [];
  let parseFailed = false;
  let failed = false;
  for (const file of files) {
    const dir = file === "-" ? process.cwd() : dirname(resolve(file));
    const config = loadConfig(flags, dir);
    const context = readBuildContext(resolve(flags.context ?? dir), file === "-" ? undefined : resolve(file));
    const text = readDockerfileText(file);
    const name = file === "-" ? displayName(file) : displayPath(file);
    const relint = (source: string) => {
      const dockerfile = parse(source, { file: name });
      return { dockerfile, findings: lint(dockerfile, { rules: ALL_RULES, config, context }) };
    };
    if ((flags.fix || flags.fixDryRun) && file !== "-") {
      const fixed = fixText(text, relint);
      if (fixed.text !== text) applyFix(file, name, text, fixed.text, flags);
    }
    const current = flags.fix && file !== "-" ? readDockerfileText(file) : text;
    const { findings } = relint(current);
    if (findings.some((f) => f.rule === PARSE_ERROR_RULE)) parseFailed = true;
    if (failsThreshold(findings, config.failureThreshold)) failed = true;
    results.push({ file: name, text: current, findings });
  }
  process.stdout.write(render(results, flags));
  if (parseFailed) return EXIT.usage;
  return failed ? EXIT.findings : EXIT.ok;
}

function applyFix(file: string, name: string, before: string, after: string, flags: LintFlags): void {
  if (flags.fixDryRun) {
    const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after);
    process.stdout.write(paintPatch(patch, stdoutColor(flags.color)));
    return;
  }
  if (flags.backup) copyFileSync(file, `${file}.bak`);
  writeFileSync(file, after);
}

function render(results: FileResult[], flags: LintFlags): string {
  const rules = ruleInfo();
  switch (flags.format) {
    case "json":
      return formatJson(results, rules);
    case "sarif":
      return formatSarif(results, rules, VERSION);
    case "github":
      return formatGithub(results);
    case "checkstyle":
      return formatCheckstyle(results);
    default:
      return formatTty(results, {
        color: stdoutColor(flags.color),
      });
  }
}
