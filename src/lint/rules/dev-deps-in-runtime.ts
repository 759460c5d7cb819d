import { commandName, finalStageChain, hasFlag, positionalArgs, runCommands } from "../helpers.js";
import type { Report, Rule } from "../types.js";
import { isNpmInstall, isYarnInstall } from "./package-managers.js";

export const devDepsInRuntime: Rule = {
  meta: {
    id: "dev-deps-in-runtime",
    origin: "imagediet",
    severity: "warning",
    category: "size",
    title: "Development dependencies are installed in the final image",
    why: "Test runners, linters, bundlers and type checkers often make up half of node_modules or of a Python environment; the running app needs none of them.",
    fix: "`npm ci --omit=dev` (or `yarn install --production`, `pnpm install --prod`) in the final stage; build with dev dependencies in a builder stage.",
    fixable: false,
    examples: {
      bad: 'FROM node:20-slim\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]',
      good: 'FROM node:20-slim\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]',
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    const inFinal = new Set(finalStageChain(dockerfile).map((s) => s.index));
    const buildsInFinal = (runIndex: number) =>
      dockerfile.stages[runIndex]?.instructions.some(
        (i) =>
          i.keyword === "RUN" &&
          i.shell?.commands.some(
            (c) => ["npm", "yarn", "pnpm"].includes(commandName(c)) && c.args.some((a) => a.value === "build"),
          ),
      );
    for (const [run, commands] of runCommands(dockerfile)) {
      if (!inFinal.has(run.stageIndex) || buildsInFinal(run.stageIndex)) continue;
      for (const command of commands) {
        const omitsDev =
          hasFlag(command, "production", "prod", "omit") &&
          (command.flags.find((f) => f.name === "omit")?.value ?? "dev") === "dev";
        const packagesNamed = positionalArgs(command).length > 1;
        if (
          (isNpmInstall(command) ||
            isYarnInstall(command) ||
            (commandName(command) === "pnpm" && positionalArgs(command)[0]?.value === "install")) &&
          !omitsDev &&
          !packagesNamed &&
          !hasFlag(command, "g", "global")
        ) {
          reports.push({
            message: `${commandName(command)} installs devDependencies in the final image; use --omit=dev (npm), --production (yarn) or --prod (pnpm)`,
            range: command.range,
          });
        }
        const devRequirements = command.args.find((a) =>
          /requirements[-_.](dev|test|tests|lint|docs)\w*\.txt$/.test(a.value),
        );
        if (devRequirements) {
          reports.push({
            message: `${devRequirements.value} installs development dependencies in the final image`,
            range: devRequirements.range,
          });
        }
      }
    }
    return reports;
  },
};
