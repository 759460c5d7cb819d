import type { Dockerfile } from "./model.js";
import { type ParseOptions, parse } from "./parse.js";

export * from "./dump.js";
export * from "./expand.js";
export type * from "./model.js";
export * from "./parse.js";
export * from "./print.js";
export * from "./scope.js";
export * from "./stages.js";

/** `parse`, for callers written against the promise it once returned: the shell model is always there. */
export async function parseDockerfile(text: string, options: ParseOptions = {}): Promise<Dockerfile> {
  return parse(text, options);
}
