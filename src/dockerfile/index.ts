import type { Dockerfile } from "./model.js";
import { type ParseOptions, parse } from "./parse.js";
import { loadShellParser } from "./shell.js";

export * from "./dump.js";
export * from "./expand.js";
export type * from "./model.js";
export * from "./parse.js";
export * from "./print.js";
export * from "./scope.js";
export { isShellParserLoaded, loadShellParser } from "./shell.js";
export * from "./stages.js";

/** Parses with the RUN shell model: loads the bash grammar on first use. */
export async function parseDockerfile(text: string, options: ParseOptions = {}): Promise<Dockerfile> {
  await loadShellParser();
  return parse(text, options);
}
