import { parseImageRef } from "../../analyze/image-ref.js";
import { externalBases } from "../from-helpers.js";
import type { Report, Rule } from "../types.js";

export const DL3006: Rule = {
  meta: {
    id: "DL3006",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Always tag the image explicitly",
    why: "An untagged FROM means `:latest`, which moves: a rebuild next month may get a new major version and a different size.",
    fix: "Name the tag (`python:3.12-slim`) or a digest. ARG defaults are expanded first, so `FROM ${BASE}` with `ARG BASE=python:3.12` passes.",
    fixable: false,
    examples: { bad: "FROM debian", good: "FROM debian:bookworm-slim" },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const { from, image } of externalBases(dockerfile)) {
      const ref = parseImageRef(image);
      if (ref.tag || ref.digest || !from.image) continue;
      reports.push({
        message: `tag the image explicitly: ${image} means ${image}:latest, which moves`,
        range: from.image.range,
      });
    }
    return reports;
  },
};
