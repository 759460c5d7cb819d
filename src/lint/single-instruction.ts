import type { Keyword } from "../dockerfile/model.js";
import { lineSpan } from "./helpers.js";
import type { Report, Rule, RuleMeta } from "./types.js";

/** A stage may hold only one of `keyword`: earlier ones are silently overridden. */
export function lastOneWinsRule(meta: RuleMeta, keyword: Keyword): Rule {
  return {
    meta,
    check({ dockerfile }) {
      const reports: Report[] = [];
      for (const stage of dockerfile.stages) {
        const found = stage.instructions.filter((i) => i.keyword === keyword);
        for (const instruction of found.slice(0, -1)) {
          const last = found[found.length - 1];
          reports.push({
            message: `multiple ${keyword} instructions in one stage: only the last (line ${last.startLine}) takes effect`,
            range: instruction.keywordToken.range,
            related: [{ message: `the ${keyword} that wins`, range: last.keywordToken.range }],
            fix: [{ range: lineSpan(dockerfile, instruction.startLine, instruction.endLine), text: "" }],
          });
        }
      }
      return reports;
    },
  };
}
