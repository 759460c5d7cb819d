/** Files per second of `work` over `files` for `ms` (after a warm-up pass). */
function rate(files: string[], work: (text: string) => void, ms: number): number {
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (const text of files) work(text);
    count += files.length;
    elapsed = performance.now() - started;
  }
  return (count / elapsed) * 1000;
}

/**
 * Measures several workloads in alternating rounds (so machine noise hits all of them alike) and
 * returns each one's median files/s.
 */
export function compareRates(files: string[], workloads: ((text: string) => void)[], rounds = 7, ms = 700): number[] {
  for (const work of workloads) for (const text of files) work(text);
  const samples: number[][] = workloads.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, work] of workloads.entries()) samples[i].push(rate(files, work, ms));
  }
  return samples.map((s) => s.sort((a, b) => a - b)[Math.floor(s.length / 2)]);
}

export function printRatio(title: string, ours: number, peerName: string, peer: number, unit: string): void {
  const ratio = ours / peer;
  process.stdout.write(
    `${title}\n  imagediet      ${ours.toFixed(0).padStart(8)} ${unit}\n  ${peerName.padEnd(14)} ${peer.toFixed(0).padStart(8)} ${unit}\n  ratio          ${ratio.toFixed(2).padStart(8)}× (goal ≥ 1.00×)\n`,
  );
}
