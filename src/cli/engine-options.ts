/**
 * The options every command that builds or runs images shares (compare, run, verify): which
 * engine, how often to build, which target, and cleanup when the user interrupts.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import type { Engine, EngineKind } from "../engine/engine.js";
import { openEngine } from "../engine/select.js";

/** The engine flags as commander hands them over. */
export interface EngineFlags {
  dockerCli?: string;
  engine?: EngineKind;
}

/** `--engine docker|podman` (default: IMAGEDIET_ENGINE, else docker). */
const ENGINE_OPTION = () =>
  new Option("--engine <engine>", "the container engine (default: $IMAGEDIET_ENGINE, else docker)").choices([
    "docker",
    "podman",
  ]);

/** `--repeat N`: each build N times, medians in the report. */
export const REPEAT_OPTION = () =>
  new Option("--repeat <n>", "run each cold and warm build N times and report the medians")
    .default(1)
    .argParser((value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 20) throw new InvalidArgumentError("a whole number from 1 to 20");
      return n;
    });

export const TARGET_OPTION = () =>
  new Option(
    "--target <target>",
    "final image family when optimize runs (default: imagediet.yaml's target, else auto)",
  ).choices(["auto", "alpine", "slim", "distroless", "scratch"]);

/** `--docker-cli PATH` and `--engine docker|podman`. */
export function addEngineOptions(command: Command): Command {
  return command
    .option("--docker-cli <path>", "the docker client to use (one that can build with BuildKit)")
    .addOption(ENGINE_OPTION());
}

/** The engine the flags name, reached through its client. */
export function engineFrom(flags: EngineFlags): Engine {
  return openEngine({ kind: flags.engine, cli: flags.dockerCli });
}

/** Cleans up when the process is interrupted (Ctrl-C) or terminated, then exits as the signal asks. */
export function cleanupOnSignals(engine: Engine): () => void {
  const handlers = (["SIGINT", "SIGTERM"] as const).map((signal) => {
    const handler = () => {
      engine.cleanup();
      process.exit(signal === "SIGINT" ? 130 : 143);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
