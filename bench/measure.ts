/** Runs `work` over `files` until `minMs` has passed (after a warm-up) and returns files per second. */
export function filesPerSecond(files: string[], work: (text: string) => void, minMs = 3000): number {
  for (const text of files) work(text);
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const text of files) work(text);
    count += files.length;
    elapsed = performance.now() - started;
  }
  return (count / elapsed) * 1000;
}

export function printRatio(title: string, ours: number, peerName: string, peer: number, unit: string): void {
  const ratio = ours / peer;
  process.stdout.write(
    `${title}\n  imagediet      ${ours.toFixed(0).padStart(8)} ${unit}\n  ${peerName.padEnd(14)} ${peer.toFixed(0).padStart(8)} ${unit}\n  ratio          ${ratio.toFixed(2).padStart(8)}× (goal ≥ 1.00×)\n`,
  );
}
