import { finalStageChain } from "../helpers.js";
import type { Rule } from "../types.js";

const INIT = /(^|\/)(tini|dumb-init|s6-svscan|catatonit)$/;

export const nodeNeedsInit: Rule = {
  meta: {
    id: "node-needs-init",
    origin: "imagediet",
    severity: "info",
    category: "correctness",
    title: "Node runs as PID 1 without an init",
    why: "Node does not reap zombie processes and ignores SIGTERM by default as PID 1: `docker stop` waits 10 s and kills it, and child processes pile up.",
    fix: 'Use an init: `ENTRYPOINT ["/sbin/tini", "--"]` (apk add tini / apt-get install tini) or run with `docker run --init`.',
    fixable: false,
    examples: { bad: 'CMD ["node", "server.js"]', good: 'ENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "server.js"]' },
  },
  check({ dockerfile }) {
    const instructions = finalStageChain(dockerfile).flatMap((s) => s.instructions);
    const entrypoint = instructions.filter((i) => i.keyword === "ENTRYPOINT").pop();
    const cmd = instructions.filter((i) => i.keyword === "CMD").pop();
    const first = (i: typeof entrypoint) =>
      i && "exec" in i && i.exec
        ? i.exec[0]?.value
        : i && "command" in i
          ? i.command?.value.split(/\s+/)[0]
          : undefined;
    const program = entrypoint ? first(entrypoint) : first(cmd);
    if (!program || !/(^|\/)(node|npm|yarn|nodejs)$/.test(program) || INIT.test(first(entrypoint) ?? "")) return [];
    const instruction = entrypoint ?? cmd;
    if (!instruction) return [];
    return [
      {
        message: `${program} runs as PID 1 without an init: signals and zombie processes are not handled; add tini`,
        range: instruction.keywordToken.range,
      },
    ];
  },
};
