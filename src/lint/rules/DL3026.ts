import { parseImageRef } from "../../analyze/image-ref.js";
import { externalBases } from "../from-helpers.js";
import type { Report, Rule } from "../types.js";

/** `docker.io`, `*.gcr.io`: a registry pattern from the config, `*` matching one or more labels. */
function matches(pattern: string, registry: string): boolean {
  const source = `^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".+")}$`;
  return new RegExp(source, "i").test(registry);
}

export const DL3026: Rule = {
  meta: {
    id: "DL3026",
    origin: "hadolint",
    severity: "error",
    category: "security",
    title: "Use only an allowed registry in the FROM image",
    why: "Base images from an unvetted registry are a supply-chain risk; organisations list the registries they trust. Active only when `lint.trustedRegistries` is set.",
    fix: "Pull the base image from one of the trusted registries (mirror it there if needed).",
    fixable: false,
    examples: {
      bad: "# trustedRegistries: [docker.io]\nFROM quay.io/org/app:1.0",
      good: "# trustedRegistries: [docker.io]\nFROM debian:bookworm-slim",
    },
  },
  check({ dockerfile, settings }) {
    if (settings.trustedRegistries.length === 0) return [];
    const reports: Report[] = [];
    for (const { from, image } of externalBases(dockerfile)) {
      const registry = parseImageRef(image).registry ?? "docker.io";
      const trusted = settings.trustedRegistries.some(
        (p) => matches(p, registry) || (registry === "docker.io" && matches(p, "hub.docker.com")),
      );
      if (!trusted && from.image)
        reports.push({
          message: `${registry} is not a trusted registry (${settings.trustedRegistries.join(", ")})`,
          range: from.image.range,
        });
    }
    return reports;
  },
};
