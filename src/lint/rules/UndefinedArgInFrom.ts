import { referencedVariables } from "../../dockerfile/expand.js";
import { AUTOMATIC_PLATFORM_ARGS } from "../../dockerfile/stages.js";
import type { Report, Rule } from "../types.js";

export const UndefinedArgInFrom: Rule = {
  meta: {
    id: "UndefinedArgInFrom",
    origin: "buildkit",
    severity: "warning",
    category: "correctness",
    title: "FROM uses an ARG that is not declared before the first FROM",
    why: "Only global ARGs (before the first FROM) and the automatic platform ARGs reach FROM; anything else expands to an empty string and the base image is wrong.",
    fix: "Declare the ARG before the first FROM, with a default.",
    fixable: false,
    examples: { bad: "FROM node:${NODE_VERSION}", good: "ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}" },
  },
  check({ dockerfile }) {
    const declared = new Set(AUTOMATIC_PLATFORM_ARGS);
    for (const arg of dockerfile.globalArgs) for (const d of arg.definitions) declared.add(d.name.value);
    const reports: Report[] = [];
    for (const stage of dockerfile.stages) {
      const from = stage.from;
      for (const token of [
        from.image,
        from.platform && { value: from.platform.value ?? "", range: from.platform.range },
      ]) {
        if (!token) continue;
        for (const name of referencedVariables(token.value)) {
          if (declared.has(name)) continue;
          reports.push({ message: `FROM argument '${name}' is not declared`, range: token.range });
        }
      }
    }
    return reports;
  },
};
