import { parseImageRef } from "../../analyze/image-ref.js";
import { finalStage, finalStageChain } from "../helpers.js";
import type { Rule } from "../types.js";

/** Bases whose default user is not root. */
const NON_ROOT_BASE = /(:nonroot|-nonroot|distroless\/.*:nonroot|^cgr\.dev\/chainguard\/)/;

export const rootUser: Rule = {
  meta: {
    id: "root-user",
    origin: "imagediet",
    severity: "warning",
    category: "security",
    title: "The final image runs as root (no USER)",
    why: "Without a USER the app runs as root: a flaw in it is root inside the container, and on the host's kernel; many clusters (Kubernetes `runAsNonRoot`, OpenShift) refuse such images.",
    fix: "Create an unprivileged user and end with `USER 10001` (numeric, so `runAsNonRoot` can verify it); on node images `USER node`.",
    fixable: false,
    examples: {
      bad: 'FROM python:3.12-slim\nCMD ["python", "app.py"]',
      good: 'FROM python:3.12-slim\nRUN useradd -r -u 10001 app\nUSER 10001\nCMD ["python", "app.py"]',
    },
  },
  check({ dockerfile }) {
    const chain = finalStageChain(dockerfile);
    const stage = finalStage(dockerfile);
    if (!stage?.from.image || chain.length === 0) return [];
    const hasUser = chain.some((s) => s.instructions.some((i) => i.keyword === "USER"));
    if (hasUser) return [];
    const base = chain[0].baseImageExpanded;
    const ref = parseImageRef(base);
    if (NON_ROOT_BASE.test(base) || ref.repository === "scratch") return [];
    return [
      {
        message: "no USER in the final stage: the app runs as root; add a non-root USER (numeric UID)",
        range: stage.from.image.range,
      },
    ];
  },
};
