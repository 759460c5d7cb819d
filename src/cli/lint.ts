import { copyFileSync, existsSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { type Command, Option } from "commander";
import { createTwoFilesPatch } from "diff";
import { parse } from "../dockerfile/parse.js";
import { ImagedietError } from "../errors.js";
import { buildContextReader } from "../files/build-context.js";
import { readDockerfileText } from "../files/dockerfile-text.js";
import { ruleCatalog } from "../lint/catalog.js";
import {
  checkRuleIds,
  defaultLintConfig,
  type Format,
  type LintConfig,
  mergeConfig,
  mergeOutput,
  type OutputSettings,
  parseLintConfig,
  type Threshold,
} from "../lint/config.js";
import { environmentLayer } from "../lint/config-environment.js";
import { parseHadolintConfig } from "../lint/config-hadolint.js";
import { createLinter, failsThreshold, type Linter, PARSE_ERROR_RULE, PSEUDO_RULES } from "../lint/engine.js";
import { fixText } from "../lint/fix.js";
import { formatCheckstyle } from "../lint/format/checkstyle.js";
import { formatGithub } from "../lint/format/github.js";
import { formatJson } from "../lint/format/json.js";
import { ruleInfo } from "../lint/format/rule-info.js";
import { formatSarif } from "../lint/format/sarif.js";
import type { FileResult } from "../lint/format/shared.js";
import { formatTty } from "../lint/format/tty.js";
import { ALL_RULES } from "../lint/rules/index.js";
import { VERSION } from "../version.js";
import { discoverDockerfiles, displayPath, findConfig, findHadolintConfig, readYamlFile } from "./files.js";
import { displayName, paintPatch, stdoutColor } from "./io.js";
import { EXIT } from "./version.js";

interface LintFlags {
  format?: Format;
  config?: string;
  context?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  backup: boolean;
  failureThreshold?: string;
  ignore: string[];
  enable: string[];
  color?: boolean;
  verbose?: boolean;
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
      new Option("-f, --format <format>", "output format (default: tty)").choices([
        "tty",
        "json",
        "sarif",
        "github",
        "checkstyle",
      ]),
    )
    .option(
      "-c, --config <file>",
      "configuration file (default: the nearest .imagediet.yaml, else hadolint's .hadolint.yaml)",
    )
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
    .option("--verbose", "say which configuration is used and which checks could not run")
    .action(async (paths: string[], flags: LintFlags) => {
      process.exitCode = await runLint(paths, flags);
    });
}

const RULES = ruleCatalog(ALL_RULES, PSEUDO_RULES);

/** The settings for one Dockerfile: defaults, then the config file, the environment, the flags. */
interface Settings {
  config: LintConfig;
  output: OutputSettings;
  /** The config file read, if any. */
  file: string | undefined;
  /** The rules the config enables, worked out once for every Dockerfile it applies to. */
  linter: Linter;
}

function configFile(flags: LintFlags, startDir: string): string | undefined {
  return flags.config ?? findConfig(startDir) ?? findHadolintConfig(process.cwd(), process.env);
}

/** Settings per Dockerfile, looked up once per folder and read once per config file. */
function settingsReader(flags: LintFlags): (file: string) => Settings {
  const byFolder = new Map<string, Settings>();
  const byConfigFile = new Map<string | undefined, Settings>();
  return (file) => {
    const folder = dockerfileDir(file);
    let settings = byFolder.get(folder);
    if (!settings) {
      const path = configFile(flags, folder);
      settings = byConfigFile.get(path) ?? loadSettings(flags, path);
      byConfigFile.set(path, settings);
      byFolder.set(folder, settings);
    }
    return settings;
  };
}

function loadSettings(flags: LintFlags, file: string | undefined): Settings {
  const fromFile = file ? readConfigFile(file) : { lint: {}, output: {} };
  const fromEnv = environmentLayer(process.env, RULES);
  checkRuleIds(flags.ignore, RULES, "--ignore");
  checkRuleIds(flags.enable, RULES, "--enable");
  const fromFlags: Partial<LintConfig> = {
    ...(flags.failureThreshold ? { failureThreshold: flags.failureThreshold as Threshold } : {}),
    ignored: flags.ignore,
    enable: flags.enable,
  };
  const config = [fromFile.lint, fromEnv.lint, fromFlags].reduce<LintConfig>(mergeConfig, defaultLintConfig());
  const cli: OutputSettings = { format: flags.format, color: flags.color === false ? false : undefined };
  const output = [fromFile.output, fromEnv.output, cli].reduce(mergeOutput, { verbose: flags.verbose || undefined });
  return { config, output, file, linter: createLinter({ rules: ALL_RULES, config, catalog: RULES }) };
}

/** `.hadolint.yaml` (any file named after hadolint) is read in hadolint's dialect. */
function readConfigFile(path: string) {
  if (!existsSync(path)) throw new ImagedietError("no such config file", { file: path });
  const { data, locate } = readYamlFile(path);
  const parse = /hadolint/i.test(basename(path)) ? parseHadolintConfig : parseLintConfig;
  return parse(data, path, RULES, locate);
}

function dockerfileDir(file: string): string {
  return file === "-" ? process.cwd() : dirname(resolve(file));
}

async function runLint(paths: string[], flags: LintFlags): Promise<number> {
  if (flags.context && !isDirectory(flags.context)) {
    throw new ImagedietError("the build context is not a directory", { file: flags.context });
  }
  const files = discoverDockerfiles(paths);
  const settings = files.map(settingsReader(flags));
  const output = settings[0]?.output ?? {};
  if (output.verbose) sayConfigs(settings);
  const readContext = buildContextReader();
  const results: FileResult[] = [];
  let parseFailed = false;
  let failed = false;
  for (const [index, file] of files.entries()) {
    const { config, linter } = settings[index];
    const context = readContext(
      resolve(flags.context ?? dockerfileDir(file)),
      file === "-" ? undefined : resolve(file),
    );
    const text = readDockerfileText(file);
    const name = file === "-" ? displayName(file) : displayPath(file);
    const relint = (source: string) => {
      const dockerfile = parse(source, { file: name });
      return { dockerfile, findings: linter(dockerfile, context) };
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
  process.stdout.write(render(results, output));
  if (parseFailed) return EXIT.usage;
  return failed ? EXIT.findings : EXIT.ok;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function sayConfigs(settings: Settings[]): void {
  const files = [...new Set(settings.map((s) => s.file))];
  for (const file of files) {
    process.stderr.write(
      `imagediet lint: ${file ? `configuration from ${file}` : "no configuration file, defaults"}\n`,
    );
  }
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

function render(results: FileResult[], output: OutputSettings): string {
  const rules = ruleInfo();
  switch (output.format) {
    case "json":
      return formatJson(results, rules);
    case "sarif":
      return formatSarif(results, rules, VERSION);
    case "github":
      return formatGithub(results);
    case "checkstyle":
      return formatCheckstyle(results);
    default:
      return formatTty(results, { color: stdoutColor(output.color) });
  }
}
