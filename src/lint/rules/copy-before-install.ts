import type { CopyInstruction } from "../../dockerfile/model.js";
import { commandName, positionalArgs } from "../../knowledge/commands.js";
import { isNpmInstall, isYarnInstall, pipInstallWord } from "../../knowledge/package-managers.js";
import { commandsOf } from "../helpers.js";
import type { Report, Rule } from "../types.js";

const MANIFESTS: Record<string, string> = {
  npm: "package.json package-lock.json",
  yarn: "package.json yarn.lock",
  pnpm: "package.json pnpm-lock.yaml",
  pip: "requirements.txt",
  go: "go.mod go.sum",
  cargo: "Cargo.toml Cargo.lock",
  bundle: "Gemfile Gemfile.lock",
  composer: "composer.json composer.lock",
  mvn: "pom.xml",
};

/** The dependency-install tool a command is, if any. */
function installTool(command: import("../../dockerfile/model.js").ShellCommand): string | undefined {
  const name = commandName(command);
  const sub = positionalArgs(command)[0]?.value;
  if (isNpmInstall(command)) return "npm";
  if (isYarnInstall(command)) return "yarn";
  if (name === "pnpm" && (sub === "install" || sub === "i")) return "pnpm";
  if (pipInstallWord(command) && command.args.some((a) => a.value === "-r" || a.value.startsWith("--requirement")))
    return "pip";
  if (name === "go" && sub === "mod" && positionalArgs(command)[1]?.value === "download") return "go";
  // `cargo build` compiles the sources, so it must follow them; only `cargo fetch` is a dependency download.
  if (name === "cargo" && sub === "fetch") return "cargo";
  if (name === "bundle" && (sub === "install" || sub === undefined)) return "bundle";
  if (name === "composer" && sub === "install") return "composer";
  if ((name === "mvn" || name === "./mvnw") && command.args.some((a) => a.value.includes("dependency:go-offline")))
    return "mvn";
  return undefined;
}

const copiesEverything = (copy: CopyInstruction) =>
  !copy.from && copy.sources.some((s) => s.value === "." || s.value === "./" || s.value === "*");

export const copyBeforeInstall: Rule = {
  meta: {
    id: "copy-before-install",
    origin: "imagediet",
    severity: "warning",
    category: "cache",
    title: "Sources are copied before dependencies are installed",
    why: "`COPY . .` before `npm ci`/`pip install -r` means any source change invalidates the install layer: every rebuild downloads and installs all dependencies again (minutes instead of seconds).",
    fix: "Copy only the dependency manifests first, install, then copy the rest: `COPY package.json package-lock.json ./` → `RUN npm ci` → `COPY . .`.",
    fixable: false,
    examples: {
      bad: "COPY . .\nRUN npm ci",
      good: "COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const stage of dockerfile.stages) {
      let copy: CopyInstruction | undefined;
      for (const instruction of stage.instructions) {
        if ((instruction.keyword === "COPY" || instruction.keyword === "ADD") && copiesEverything(instruction) && !copy)
          copy = instruction;
        if (instruction.keyword !== "RUN" || !copy) continue;
        const tool = commandsOf(instruction).map(installTool).find(Boolean);
        if (!tool) continue;
        reports.push({
          message: `the whole context is copied (line ${copy.startLine}) before \`${tool}\` installs dependencies: any source change re-installs them; copy ${MANIFESTS[tool]} first`,
          range: copy.keywordToken.range,
          related: [{ message: "dependency install", range: instruction.keywordToken.range }],
        });
        break;
      }
    }
    return reports;
  },
};
