import type { Report, Rule } from "../types.js";

export const FromPlatformFlagConstDisallowed: Rule = {
  meta: {
    id: "FromPlatformFlagConstDisallowed",
    origin: "buildkit",
    severity: "warning",
    category: "correctness",
    title: "FROM --platform should not use a constant value",
    why: "A constant platform (`--platform=linux/amd64`) forces emulation on other machines and breaks multi-platform builds; use $BUILDPLATFORM or $TARGETPLATFORM.",
    fix: "Use `--platform=$BUILDPLATFORM` for build stages, or drop the flag.",
    fixable: false,
    examples: {
      bad: "FROM --platform=linux/amd64 golang:1.22 AS build",
      good: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const stage of dockerfile.stages) {
      const platform = stage.from.platform;
      if (!platform?.value || platform.value.includes("$")) continue;
      // A stage named after its platform (`AS build-amd64`) is a deliberate constant.
      if (stage.name?.includes(platform.value.split("/").pop() ?? "\0")) continue;
      reports.push({
        message: `FROM --platform flag should not use a constant value "${platform.value}"`,
        range: platform.range,
      });
    }
    return reports;
  },
};
