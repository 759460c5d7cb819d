#!/usr/bin/env node
import { existsSync } from "node:fs";

const main = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(main)) {
  const root = decodeURIComponent(new URL("..", import.meta.url).pathname);
  process.stderr.write(`imagediet: not built yet; run \`npm ci && npm run build\` in ${root}\n`);
  process.exit(2);
}
await import(main.href);
