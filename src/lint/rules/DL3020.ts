import { ARCHIVE, URL } from "../copy-helpers.js";
import { copies } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const DL3020: Rule = {
  meta: {
    id: "DL3020",
    origin: "hadolint",
    severity: "error",
    category: "correctness",
    title: "Use COPY instead of ADD for files and folders",
    why: "ADD also fetches URLs and unpacks archives; for plain files that magic is a trap (a `.tar.gz` you meant to copy gets unpacked). COPY says exactly what happens.",
    fix: "Replace ADD with COPY (`--fix` does this).",
    fixable: true,
    examples: { bad: "ADD requirements.txt /app/", good: "COPY requirements.txt /app/" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const copy of copies(dockerfile)) {
      if (copy.keyword !== "ADD" || copy.sources.length === 0 || copy.heredocs.length > 0) continue;
      if (
        copy.sources.some(
          (s) => URL.test(s.value) || ARCHIVE.test(s.value) || s.value.includes("$") || s.value.endsWith(".git"),
        )
      )
        continue;
      if (copy.checksum || copy.keepGitDir !== undefined || copy.unpack !== undefined) continue;
      const keyword = copy.keywordToken;
      reports.push({
        message: "use COPY instead of ADD for files and folders",
        range: keyword.range,
        fix: [{ range: keyword.range, text: keyword.value === "add" ? "copy" : "COPY" }],
      });
    }
    return reports;
  },
};
