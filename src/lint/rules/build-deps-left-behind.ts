import { commandName, packageArgs } from "../../knowledge/commands.js";
import { isApkAdd, isAptInstall } from "../../knowledge/package-managers.js";
import { BUILD_PACKAGE } from "../../knowledge/toolchains.js";
import { commandsOf, finalStageChain } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const buildDepsLeftBehind: Rule = {
  meta: {
    id: "build-deps-left-behind",
    origin: "imagediet",
    severity: "warning",
    category: "size",
    title: "Compilers and -dev packages stay in the final image",
    why: "build-essential is ≈200 MB, gcc ≈100 MB, each -dev package a few MB of headers; the app needs none of it at run time. Removing them in a later RUN saves nothing: the layer that added them keeps them.",
    fix: "Remove them in the same RUN (`apk add --virtual .build-deps … && … && apk del .build-deps`, or `apt-get purge -y --auto-remove …`), or install them in a builder stage.",
    fixable: false,
    examples: {
      bad: "FROM python:3.11-alpine\nRUN apk add --no-cache gcc musl-dev && pip install --no-cache-dir uwsgi",
      good: "FROM python:3.11-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install --no-cache-dir uwsgi && apk del .build-deps",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const stage of finalStageChain(dockerfile)) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== "RUN") continue;
        const commands = commandsOf(instruction);
        const removed = new Set<string>();
        for (const command of commands) {
          const name = commandName(command);
          const sub = command.args.find((a) => !a.value.startsWith("-"))?.value;
          if (
            (name === "apk" && sub === "del") ||
            ((name === "apt-get" || name === "apt") && (sub === "purge" || sub === "remove"))
          ) {
            for (const word of packageArgs(command)) removed.add(word.value);
          }
        }
        for (const command of commands) {
          if (!isAptInstall(command) && !isApkAdd(command)) continue;
          const virtual = command.flags.find((f) => f.name === "virtual" || f.name === "t")?.value;
          if (virtual && removed.has(virtual)) continue;
          for (const word of packageArgs(command)) {
            const name = word.value.replace(/[=~<>].*$/, "");
            if (!BUILD_PACKAGE.test(name) || removed.has(name) || word.dynamic) continue;
            reports.push({
              message: `${name} is a build dependency left in the final image; remove it in the same RUN or build in another stage`,
              range: word.range,
            });
          }
        }
      }
    }
    return reports;
  },
};
