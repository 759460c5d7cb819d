import { parseDocument } from "yaml";
import { z } from "zod";
import { ImagedietError } from "../errors.js";

/**
 * `imagediet.yaml` in an app folder: the checks both images must pass. Unknown keys are errors,
 * so a typo does not silently drop a check.
 */
const httpCheck = z
  .object({
    http: z
      .object({
        port: z.number().int().min(1).max(65535),
        path: z.string().startsWith("/").default("/"),
        status: z.number().int().min(100).max(599).optional(),
        timeoutSeconds: z.number().positive().default(30),
      })
      .strict(),
  })
  .strict();

const expectation = z
  .object({
    exitCode: z.number().int().default(0),
    stdoutContains: z.string().optional(),
  })
  .strict();

const commandCheck = z
  .object({
    command: z.array(z.string()).min(1),
    expect: expectation.default({ exitCode: 0 }),
  })
  .strict();

/** The app's own test command, run inside the image. */
const testCheck = z.object({ test: z.array(z.string()).min(1) }).strict();

const nonRootCheck = z.object({ nonRoot: z.boolean() }).strict();
const librariesCheck = z.object({ libraries: z.boolean() }).strict();
/** A CA bundle in the image, for apps that make HTTPS requests (scratch has none). */
const caBundleCheck = z.object({ caBundle: z.boolean() }).strict();
/** zoneinfo in the image, for apps that load time zones (scratch and distroless/static-less bases lack it). */
const timezonesCheck = z.object({ timezones: z.boolean() }).strict();
/** Host names resolve: what each program's resolver needs is in the image (and `getent` agrees where present). */
const dnsCheck = z.object({ dns: z.boolean() }).strict();

const checkSchema = z.union([
  httpCheck,
  commandCheck,
  testCheck,
  nonRootCheck,
  librariesCheck,
  caBundleCheck,
  timezonesCheck,
  dnsCheck,
]);
export const checksFileSchema = z
  .object({
    checks: z.array(checkSchema).default([]),
    /** The final image family `compare` and `run` optimize to for this app (`--target` wins). */
    target: z.enum(["auto", "alpine", "slim", "distroless", "scratch"]).optional(),
  })
  .strict();

export type AppConfig = z.infer<typeof checksFileSchema>;

export type Check = z.infer<typeof checkSchema>;
export type HttpCheck = z.infer<typeof httpCheck>;
export type CommandCheck = z.infer<typeof commandCheck>;

/** The checks of `imagediet.yaml`. */
export function parseChecksFile(text: string, file: string): Check[] {
  return parseAppConfig(text, file).checks;
}

/** Parses `imagediet.yaml`; errors name the file, the line and the key. */
export function parseAppConfig(text: string, file: string): AppConfig {
  const document = parseDocument(text, { keepSourceTokens: false });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    throw new ImagedietError(error?.message.split("\n")[0] ?? "invalid YAML", {
      file,
      line: error?.linePos?.[0]?.line,
    });
  }
  const result = checksFileSchema.safeParse(document.toJS() ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path ?? [];
    const node = document.getIn(path, true) as { range?: [number, number] } | undefined;
    const line = node?.range ? text.slice(0, node.range[0]).split("\n").length : undefined;
    throw new ImagedietError(`${path.join(".") || "document"}: ${describeIssue(issue)}`, { file, line });
  }
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "invalid";
  if (issue.code === "invalid_union")
    return "each check is one of http, command (with expect), test, nonRoot, libraries, caBundle, timezones or dns";
  return issue.message;
}

/** What the image config says, as far as inference needs it. */
export interface ImageFacts {
  exposedPorts: number[];
  entrypoint: string[];
  user: string | undefined;
  /** The image has no shell (`scratch`, distroless) or uses musl: library checks matter there. */
  minimal: boolean;
}

/**
 * Checks for an app with no `imagediet.yaml`: an HTTP probe on the first exposed TCP port (GET /,
 * any status below 500), else a run of the entrypoint that must exit 0; always non-root; the
 * shared-library check on minimal images. Each inferred check says so in its name.
 */
export function inferChecks(facts: ImageFacts, app?: { https: boolean; timezones: boolean }): Check[] {
  const checks: Check[] = [];
  const port = facts.exposedPorts[0];
  if (port !== undefined) checks.push({ http: { port, path: "/", timeoutSeconds: 30 } });
  else if (facts.entrypoint.length > 0)
    checks.push({ command: facts.entrypoint, expect: { exitCode: 0 } } as CommandCheck);
  checks.push({ nonRoot: true });
  if (facts.minimal) checks.push({ libraries: true }, { dns: true });
  // What the app's sources say it needs, on images that may lack it.
  if (facts.minimal && app?.https) checks.push({ caBundle: true });
  if (facts.minimal && app?.timezones) checks.push({ timezones: true });
  return checks;
}

/** A short, stable name for a check, used in reports and the console. */
export function checkName(check: Check): string {
  if ("http" in check) return `http GET :${check.http.port}${check.http.path} → ${check.http.status ?? "<500"}`;
  if ("command" in check) return `command ${check.command.join(" ")}`;
  if ("test" in check) return `test ${check.test.join(" ")}`;
  if ("nonRoot" in check) return "non-root user";
  if ("caBundle" in check) return "CA bundle present";
  if ("timezones" in check) return "zoneinfo present";
  if ("dns" in check) return "host names resolve";
  return "shared libraries present";
}
