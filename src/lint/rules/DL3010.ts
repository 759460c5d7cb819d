import { commandName } from "../../knowledge/commands.js";
import { ARCHIVE, contextSources } from "../copy-helpers.js";
import { commandsOf, copies } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const DL3010: Rule = {
  meta: {
    id: "DL3010",
    origin: "hadolint",
    severity: "info",
    category: "size",
    title: "Use ADD for extracting archives into an image",
    why: "COPY of an archive then `tar x` in a RUN stores the archive in one layer and its contents in another: the archive's bytes are shipped for nothing. ADD unpacks in one layer.",
    fix: "`ADD app.tar.gz /opt/` (and drop the RUN tar).",
    fixable: false,
    examples: { bad: "COPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt", good: "ADD app.tar.gz /opt/" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const copy of copies(dockerfile)) {
      if (copy.keyword !== "COPY") continue;
      const stage = dockerfile.stages[copy.stageIndex];
      if (!stage) continue;
      const later = stage.instructions.slice(stage.instructions.indexOf(copy) + 1);
      for (const source of contextSources(copy)) {
        if (!ARCHIVE.test(source.value)) continue;
        const base = source.value.split("/").pop() ?? source.value;
        const extracted = later.some(
          (i) =>
            i.keyword === "RUN" &&
            commandsOf(i).some(
              (c) =>
                commandName(c) === "tar" &&
                c.args.some((a) => /^-?[a-zA-Z]*x/.test(a.value)) &&
                c.args.some((a) => a.value.endsWith(base)),
            ),
        );
        if (extracted)
          reports.push({
            message: `${base} is copied then extracted in a RUN: ADD extracts it in one layer`,
            range: source.range,
          });
      }
    }
    return reports;
  },
};
