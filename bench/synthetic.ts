import { corpusFiles, readText } from "../test/helpers/shared.js";

/** Corpus files one after another, their FROM lines turned into comments, up to at least `lines` lines. */
function corpusBody(lines: number): string {
  const bodies = corpusFiles().map(([, path]) => readText(path).replace(/^[ \t]*FROM[ \t].*$/gim, "# $&"));
  const out: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i = (i + 1) % bodies.length) {
    const body = bodies[i].endsWith("\n") ? bodies[i] : `${bodies[i]}\n`;
    out.push(body);
    count += body.split("\n").length - 1;
  }
  return out.join("");
}

/**
 * Dockerfiles with one long final stage (so every rule that looks back over the final image sees all
 * of it): the same body of about `lines` lines repeated once and `times` times, so their sizes differ
 * by exactly that factor.
 */
export function longDockerfiles(lines: number, times: number): [string, string] {
  const body = corpusBody(lines);
  return [`FROM debian:12\n${body}`, `FROM debian:12\n${body.repeat(times)}`];
}
