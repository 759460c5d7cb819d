import { commandName, packageArgs } from "../../knowledge/commands.js";
import { isApkAdd } from "../../knowledge/package-managers.js";
import { runCommands } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const virtualBuildDeps: Rule = {
  meta: {
    id: "virtual-build-deps",
    origin: "imagediet",
    severity: "info",
    category: "maintainability",
    title: "apk add then apk del of the same packages: use --virtual",
    why: "Listing build dependencies twice lets the lists drift: a package added to `apk add` but not to `apk del` stays in the image. `--virtual .build-deps` names the group once and removes exactly it.",
    fix: "`apk add --no-cache --virtual .build-deps gcc musl-dev && … && apk del .build-deps`.",
    fixable: false,
    examples: {
      bad: "RUN apk add --no-cache gcc musl-dev && make && apk del gcc musl-dev",
      good: "RUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const [, commands] of runCommands(dockerfile)) {
      const deleted = new Set(
        commands
          .filter((c) => commandName(c) === "apk" && c.args.find((a) => !a.value.startsWith("-"))?.value === "del")
          .flatMap((c) => packageArgs(c).map((w) => w.value)),
      );
      for (const command of commands) {
        if (!isApkAdd(command) || command.flags.some((f) => f.name === "virtual" || f.name === "t")) continue;
        const both = packageArgs(command).filter((w) => deleted.has(w.value.replace(/[=~<>].*$/, "")));
        if (both.length === 0) continue;
        reports.push({
          message: `${both.map((w) => w.value).join(", ")} added and deleted by name; use apk add --virtual .build-deps and apk del .build-deps`,
          range: command.range,
        });
      }
    }
    return reports;
  },
};
