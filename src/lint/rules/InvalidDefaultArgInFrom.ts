import { parseImageRef } from "../../analyze/image-ref.js";
import { expandWord } from "../../dockerfile/expand.js";
import { globalArgEnvironment } from "../../dockerfile/stages.js";
import type { Report, Rule } from "../types.js";

export const InvalidDefaultArgInFrom: Rule = {
  meta: {
    id: "InvalidDefaultArgInFrom",
    origin: "buildkit",
    severity: "warning",
    category: "correctness",
    title: "The default values of global ARGs give an invalid base image",
    why: "If the build arg is not passed, FROM expands to an empty or invalid name (`python:` with no tag) and the build fails.",
    fix: "Give the ARG a default that makes a valid image reference.",
    fixable: false,
    examples: { bad: "ARG TAG\nFROM python:${TAG}", good: "ARG TAG=3.12-slim\nFROM python:${TAG}" },
  },
  check({ dockerfile }) {
    const env = globalArgEnvironment(dockerfile.globalArgs);
    const reports: Report[] = [];
    for (const stage of dockerfile.stages) {
      const image = stage.from.image;
      if (!image?.value.includes("$")) continue;
      let expanded: string;
      try {
        expanded = expandWord(image.value, (name) => env(name) ?? "");
      } catch {
        continue;
      }
      const ref = parseImageRef(expanded);
      const valid =
        ref.repository !== "" &&
        ref.tag !== "" &&
        ref.digest !== "" &&
        !/[A-Z\s]/.test(ref.repository) &&
        !ref.repository.endsWith("/") &&
        !ref.repository.startsWith("/") &&
        !ref.repository.includes("//");
      if (!valid) {
        reports.push({
          message: `default value for global ARGs results in an empty or invalid base image name "${expanded}"`,
          range: image.range,
        });
      }
    }
    return reports;
  },
};
