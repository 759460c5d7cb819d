import { parseImageRef } from "../../analyze/image-ref.js";
import { externalBases } from "../from-helpers.js";
import type { Report, Rule } from "../types.js";

export const DL3007: Rule = {
  meta: {
    id: "DL3007",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Using latest is prone to errors: pin a release tag",
    why: "`:latest` moves with every release; builds stop being reproducible and can change size or break without any change of yours.",
    fix: "Use a release tag (`node:20-alpine`) or a digest.",
    fixable: false,
    examples: { bad: "FROM node:latest", good: "FROM node:20-alpine" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const { from, image } of externalBases(dockerfile)) {
      const ref = parseImageRef(image);
      if (ref.tag !== "latest" || ref.digest || !from.image) continue;
      reports.push({ message: `${image} moves with every release; pin a release tag`, range: from.image.range });
    }
    return reports;
  },
};
