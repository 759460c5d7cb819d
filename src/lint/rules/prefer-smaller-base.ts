import { parseImageRef } from "../../analyze/image-ref.js";
import { resolveBase, smallerVariants, tagFor } from "../../knowledge/base-images.js";
import { finalStage } from "../helpers.js";
import type { Rule } from "../types.js";

export const preferSmallerBase: Rule = {
  meta: {
    id: "prefer-smaller-base",
    origin: "imagediet",
    severity: "info",
    category: "size",
    title: "A smaller variant of the final stage's base image exists",
    why: "Full official images carry compilers, headers and hundreds of Debian packages the app never runs: python:3.11 is ≈1.1 GB against ≈125 MB for -slim and ≈55 MB for -alpine.",
    fix: "Use the -slim variant (glibc, same Debian packages) or -alpine (musl; check native modules), keeping the version. `imagediet optimize` rewrites the file and verifies it.",
    fixable: false,
    examples: {
      bad: 'FROM python:3.11\nCMD ["python", "app.py"]',
      good: 'FROM python:3.11-slim\nCMD ["python", "app.py"]',
    },
  },
  check({ dockerfile }) {
    const stage = finalStage(dockerfile);
    if (!stage?.from.image || stage.parentStage !== undefined) return [];
    const ref = parseImageRef(stage.baseImageExpanded);
    const resolved = resolveBase(ref.repository, ref.tag);
    if (!resolved || resolved.image.kind === "toolchain") return [];
    const smaller = smallerVariants(resolved);
    if (smaller.length === 0) return [];
    const options = smaller
      .map(
        (x) =>
          `${resolved.image.name}:${tagFor(resolved, x)} (≈${x.uncompressedMB} MB, saves ≈${resolved.variant.uncompressedMB - x.uncompressedMB} MB)`,
      )
      .join(" or ");
    return [
      {
        message: `${stage.baseImageExpanded} is ≈${resolved.variant.uncompressedMB} MB; a smaller variant of the same version exists: ${options}`,
        range: stage.from.image.range,
      },
    ];
  },
};
