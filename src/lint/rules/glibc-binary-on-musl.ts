import { parseImageRef } from "../../analyze/image-ref.js";
import { resolveBase } from "../../knowledge/base-images.js";
import { commandsOf, copies, finalStage } from "../helpers.js";
import type { Report, Rule } from "../types.js";
import { fromValue } from "./DL3022.js";

function familyOf(image: string): string | undefined {
  const ref = parseImageRef(image);
  if (/alpine/.test(ref.tag ?? "") || ref.repository === "alpine") return "musl";
  const resolved = resolveBase(ref.repository, ref.tag);
  if (resolved) return resolved.variant.family === "alpine" || resolved.variant.family === "wolfi" ? "musl" : "glibc";
  return /^(debian|ubuntu|fedora|centos|rockylinux|almalinux|amazonlinux)$/.test(ref.repository) ? "glibc" : undefined;
}

export const glibcBinaryOnMusl: Rule = {
  meta: {
    id: "glibc-binary-on-musl",
    origin: "imagediet",
    severity: "warning",
    category: "correctness",
    title: "A binary built on glibc is copied into an Alpine (musl) stage",
    why: 'Binaries linked against glibc do not run on musl: the container fails with the confusing "exec /app: no such file or directory" or "not found", although the file is there.',
    fix: "Build on the musl variant (`golang:1.22-alpine`, `rust:1-alpine`), link statically (`CGO_ENABLED=0`, Rust's `x86_64-unknown-linux-musl` target), or use a glibc final image (`-slim`, distroless).",
    fixable: false,
    examples: {
      bad: "FROM rust:1.80 AS build\nRUN cargo build --release\nFROM alpine:3.20\nCOPY --from=build /app/target/release/app /app",
      good: "FROM rust:1.80-alpine AS build\nRUN cargo build --release\nFROM alpine:3.20\nCOPY --from=build /app/target/release/app /app",
    },
  },
  check({ dockerfile }) {
    const final = finalStage(dockerfile);
    if (!final || familyOf(final.baseImageExpanded) !== "musl") return [];
    const reports: Report[] = [];
    for (const copy of copies(dockerfile)) {
      if (copy.stageIndex !== final.index || !copy.from?.value) continue;
      const name = fromValue(dockerfile, copy.from.value).toLowerCase();
      const builder = dockerfile.stages.find((s) => s.name === name || String(s.index) === name);
      if (!builder || familyOf(builder.baseImageExpanded) !== "glibc") continue;
      const text = builder.instructions
        .filter((i) => i.keyword === "RUN" || i.keyword === "ENV")
        .map((i) => i.original)
        .join("\n");
      const isStatic =
        /CGO_ENABLED=0|-musl|-static|crt-static/.test(text) ||
        builder.instructions.some(
          (i) => i.keyword === "RUN" && commandsOf(i).some((c) => c.args.some((a) => a.value === "-static")),
        );
      const copiesBinary = copy.sources.some(
        (s) =>
          /(\/bin\/|\/release\/|\/app$|\/out\/|^\/[\w.-]+$)/.test(s.value) &&
          !/\.(jar|js|py|html|css|json)$/.test(s.value),
      );
      if (isStatic || !copiesBinary) continue;
      reports.push({
        message: `${copy.sources.map((s) => s.value).join(", ")} is built on glibc (${builder.baseImageExpanded}) and copied into musl-based ${final.baseImageExpanded}: it will fail with "not found"`,
        range: copy.from.range,
      });
    }
    return reports;
  },
};
