import { finalStageChain } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export function isRootUser(user: string): boolean {
  const name = user.split(":")[0].trim();
  return name === "root" || name === "0";
}

export const DL3002: Rule = {
  meta: {
    id: "DL3002",
    origin: "hadolint",
    severity: "warning",
    category: "security",
    title: "Last USER should not be root",
    why: "A process running as root in the container is root on the host's kernel: a container escape or a mounted volume then gives full control.",
    fix: "Create a user and switch to it last (`USER 10001`, or `USER node` on node images).",
    fixable: false,
    examples: {
      bad: 'USER root\nRUN apt-get update\nCMD ["app"]',
      good: 'USER root\nRUN apt-get update\nUSER 10001\nCMD ["app"]',
    },
  },
  check({ dockerfile }) {
    let last: Report | undefined;
    for (const stage of finalStageChain(dockerfile)) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== "USER" || !instruction.value) continue;
        last = isRootUser(instruction.value.value)
          ? { message: "the final image runs as root; switch to a non-root USER last", range: instruction.value.range }
          : undefined;
      }
    }
    return last ? [last] : [];
  },
};
