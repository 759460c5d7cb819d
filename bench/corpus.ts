import { createRequire } from "node:module";
import { corpusFiles, readText } from "../test/helpers/shared.js";

const require = createRequire(import.meta.url);
export const dockerfilelint = require("dockerfilelint") as { run: (configPath: string, content: string) => unknown[] };
export const DOCKERFILELINT_CLI = require.resolve("dockerfilelint/bin/dockerfilelint");

/** The corpus files dockerfilelint can read: it throws on some real ones (a HEALTHCHECK it cannot read, …). */
export function corpusForPeers(): { paths: string[]; total: number } {
  const all = corpusFiles().map(([, path]) => path);
  const paths = all.filter((path) => {
    try {
      dockerfilelint.run("/nonexistent", readText(path));
      return true;
    } catch {
      return false;
    }
  });
  return { paths, total: all.length };
}
