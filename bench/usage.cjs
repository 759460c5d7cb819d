// Preloaded (node --require) into every process a benchmark measures, ours and the peers' alike: on exit
// it writes the process's own CPU time and peak RSS to the file named by IMAGEDIET_BENCH_USAGE.
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  writeFileSync(process.env.IMAGEDIET_BENCH_USAGE, JSON.stringify({ cpuMs, rssMB: usage.maxRSS / 1024 }));
});
