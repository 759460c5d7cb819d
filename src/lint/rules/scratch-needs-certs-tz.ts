import { finalStage } from "../helpers.js";
import type { Rule } from "../types.js";

const CERTS = /ca-certificates|\/etc\/ssl(\/certs)?(\/|$)|ca-bundle/;
const ZONEINFO = /\/usr\/share\/zoneinfo|tzdata/;

export const scratchNeedsCertsTz: Rule = {
  meta: {
    id: "scratch-needs-certs-tz",
    origin: "imagediet",
    severity: "info",
    category: "correctness",
    title: "A scratch image without CA certificates or time zones",
    why: 'scratch has no files at all: an HTTPS call fails with "x509: certificate signed by unknown authority" and loading a time zone fails with "unknown time zone", only at run time.',
    fix: "Copy them from the builder: `COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/` and `COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo` (or embed Go's `time/tzdata`), or use distroless/static which has both.",
    fixable: false,
    examples: {
      bad: "FROM scratch\nCOPY --from=build /app /app",
      good: "FROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo\nCOPY --from=build /app /app",
    },
  },
  check({ dockerfile }) {
    const stage = finalStage(dockerfile);
    if (!stage?.from.image || stage.baseImageExpanded.toLowerCase() !== "scratch") return [];
    const copied = stage.instructions.flatMap((i) =>
      i.keyword === "COPY" || i.keyword === "ADD"
        ? [...i.sources, ...(i.destination ? [i.destination] : [])].map((t) => t.value)
        : [],
    );
    const missing = [
      !copied.some((p) => CERTS.test(p)) && "CA certificates (HTTPS)",
      !copied.some((p) => ZONEINFO.test(p)) && "zoneinfo (time zones)",
    ].filter(Boolean);
    if (missing.length === 0) return [];
    return [
      {
        message: `the scratch image has no ${missing.join(" and no ")}; copy them from the builder if the app needs them`,
        range: stage.from.image.range,
      },
    ];
  },
};
