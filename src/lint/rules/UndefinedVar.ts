import { referencedVariables } from "../../dockerfile/expand.js";
import { suggest } from "../../dockerfile/flags.js";
import type { Dockerfile, Instruction, Token } from "../../dockerfile/model.js";
import { scopesBefore } from "../../dockerfile/scope.js";
import { AUTOMATIC_PLATFORM_ARGS } from "../../dockerfile/stages.js";
import type { Report, Rule } from "../types.js";

/** Set in nearly every base image or by BuildKit itself. */
const WELL_KNOWN = new Set([
  "PATH",
  "HOME",
  "HOSTNAME",
  "TERM",
  "PWD",
  "LANG",
  "SHELL",
  "USER",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "FTP_PROXY",
  "ALL_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "ftp_proxy",
  "all_proxy",
  ...AUTOMATIC_PLATFORM_ARGS,
]);

/** Numbered names (`$1`) are no variable a Dockerfile can define. */
const DIGITS = /^\d+$/;

/** The words BuildKit expands with the stage environment (not RUN/CMD/ENTRYPOINT, which the shell expands). */
function expandedTokens(instruction: Instruction): Token[] {
  switch (instruction.keyword) {
    case "ENV":
    case "LABEL":
      return instruction.pairs.flatMap((p) => [p.key, p.value]);
    case "COPY":
    case "ADD":
      return [...instruction.sources, ...(instruction.destination ? [instruction.destination] : [])];
    case "WORKDIR":
    case "USER":
    case "STOPSIGNAL":
      return instruction.value ? [instruction.value] : [];
    case "EXPOSE":
    case "VOLUME":
      return instruction.values;
    default:
      return [];
  }
}

/** True when the stage's base is `scratch` (or a stage of this file built on scratch): every variable is ours to define. */
function environmentIsKnown(dockerfile: Dockerfile, stageIndex: number): boolean {
  for (let stage = dockerfile.stages[stageIndex]; stage; stage = dockerfile.stages[stage.parentStage ?? -1]) {
    if (stage.parentStage === undefined) return stage.baseImageExpanded.toLowerCase() === "scratch";
  }
  return false;
}

export const UndefinedVar: Rule = {
  meta: {
    id: "UndefinedVar",
    origin: "buildkit",
    severity: "warning",
    category: "correctness",
    title: "Variable used before it is defined",
    why: "An undefined variable expands to an empty string: `COPY app $DEST` copies to the wrong place, `ENV PATH=$PAHT:/x` wipes PATH.",
    fix: "Declare it with ARG or ENV before use, or fix the typo. The base image's own ENV is unknown here, so a variable is reported only when a close name is defined (a typo) or the stage starts from scratch.",
    fixable: false,
    examples: { bad: "ARG VERSION=1\nENV APP_VERSION=$VERSOIN", good: "ARG VERSION=1\nENV APP_VERSION=$VERSION" },
  },
  check({ dockerfile }) {
    const uses = dockerfile.instructions.some((i) => expandedTokens(i).some((t) => t.value.includes("$")));
    if (!uses) return [];
    const scopes = scopesBefore(dockerfile);
    const reports: Report[] = [];
    for (const instruction of dockerfile.instructions) {
      const scope = scopes.get(instruction);
      if (!scope) continue;
      const strict = environmentIsKnown(dockerfile, instruction.stageIndex);
      for (const token of expandedTokens(instruction)) {
        if (!token.value.includes("$")) continue;
        for (const name of referencedVariables(token.value)) {
          if (scope.args.has(name) || scope.env.has(name) || WELL_KNOWN.has(name) || DIGITS.test(name)) continue;
          const hint = suggest(name, [...scope.args.keys(), ...scope.env.keys()]);
          if (!hint && !strict) continue;
          reports.push({
            message: `usage of undefined variable '$${name}'${hint ? ` (did you mean $${hint}?)` : ""}`,
            range: token.range,
          });
        }
      }
    }
    return reports;
  },
};
