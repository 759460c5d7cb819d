import { hasFlag } from "../../knowledge/commands.js";
import { pipInstallWord } from "../../knowledge/package-managers.js";
import { missingFlagRule } from "../factories.js";
import { hasCacheMount, stageHasEnv, stageOf } from "../helpers.js";

export const DL3042 = missingFlagRule({
  meta: {
    id: "DL3042",
    origin: "hadolint",
    severity: "warning",
    category: "size",
    title: "Avoid the pip cache with pip install --no-cache-dir",
    why: "pip keeps downloaded wheels in /root/.cache/pip; for a typical web app that is 10–100 MB (hundreds of MB with numpy or torch) left in the layer.",
    fix: "Add `--no-cache-dir` after `install` (`--fix` does this), set `ENV PIP_NO_CACHE_DIR=1`, or mount a cache at /root/.cache/pip.",
    fixable: true,
    examples: {
      bad: "RUN pip install -r requirements.txt",
      good: "RUN pip install --no-cache-dir -r requirements.txt",
    },
  },
  anchor: (command) => pipInstallWord(command)?.range,
  satisfied: (command, run, { dockerfile }) => {
    if (hasFlag(command, "no-cache-dir") || hasCacheMount(run, "/root/.cache/pip")) return true;
    const stage = stageOf(dockerfile, run);
    return stage !== undefined && stageHasEnv(dockerfile.stages, stage, run, "PIP_NO_CACHE_DIR");
  },
  insert: "--no-cache-dir",
  message: "pip install without --no-cache-dir keeps the download cache in the layer; add --no-cache-dir",
});
