import type { ShellCommand, Stage } from "../../dockerfile/model.js";
import { commandName, hasFlag, positionalArgs } from "../../knowledge/commands.js";
import { isNpmInstall, isYarnInstall } from "../../knowledge/package-managers.js";
import { finalStageChain, runCommands } from "../helpers.js";
import type { Report, Rule } from "../types.js";

const DEV_REQUIREMENTS = /requirements[-_.](dev|test|tests|lint|docs)\w*\.txt$/;

/** Whether a RUN of the stage builds the app with its package manager (`npm run build`, `yarn build`). */
function stageBuilds(stage: Stage): boolean {
  return stage.instructions.some(
    (i) =>
      i.keyword === "RUN" &&
      i.shell?.commands.some(
        (c) => ["npm", "yarn", "pnpm"].includes(commandName(c)) && c.args.some((a) => a.value === "build"),
      ),
  );
}

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
    const runtimeStages = new Set(
      finalStageChain(dockerfile)
        .filter((stage) => !stageBuilds(stage))
        .map((stage) => stage.index),
    );
    return runCommands(dockerfile)
      .filter(([run]) => runtimeStages.has(run.stageIndex))
      .flatMap(([, commands]) => commands.flatMap(devInstalls));
  },
};

/** What one command installs for development: all of package.json's devDependencies, or a dev requirements file. */
function devInstalls(command: ShellCommand): Report[] {
  const reports: Report[] = [];
  if (installsDevDependencies(command)) {
    reports.push({
      message: `${commandName(command)} installs devDependencies in the final image; use --omit=dev (npm), --production (yarn) or --prod (pnpm)`,
      range: command.range,
    });
  }
  const devRequirements = command.args.find((a) => DEV_REQUIREMENTS.test(a.value));
  if (devRequirements) {
    reports.push({
      message: `${devRequirements.value} installs development dependencies in the final image`,
      range: devRequirements.range,
    });
  }
  return reports;
}

function installsDevDependencies(command: ShellCommand): boolean {
  const omitsDev =
    hasFlag(command, "production", "prod", "omit") &&
    (command.flags.find((f) => f.name === "omit")?.value ?? "dev") === "dev";
  const packagesNamed = positionalArgs(command).length > 1;
  const installs =
    isNpmInstall(command) ||
    isYarnInstall(command) ||
    (commandName(command) === "pnpm" && positionalArgs(command)[0]?.value === "install");
  return installs && !omitsDev && !packagesNamed && !hasFlag(command, "g", "global");
}
