import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { allRuleDocs } from "../src/lint/docs.js";
import { ALL_RULES } from "../src/lint/rules/index.js";

/** Writes docs/rules/*.md from the rules' own metadata (a test checks they are up to date). */
const dir = join(import.meta.dirname, "..", "docs", "rules");
mkdirSync(dir, { recursive: true });
for (const [name, content] of allRuleDocs(ALL_RULES)) writeFileSync(join(dir, name), content);
process.stdout.write(`wrote ${allRuleDocs(ALL_RULES).size} files to docs/rules\n`);
