import type { Range } from "../../dockerfile/model.js";
import { commandName } from "../../knowledge/commands.js";
import { CREDENTIAL_VALUE, SECRET_FILE } from "../../knowledge/secrets.js";
import { copies, runCommands } from "../helpers.js";
import type { Report, Rule } from "../types.js";

const AUTH_WRITE = /(_authToken|_auth|password|:\/\/[^/\s:@]+:[^@\s]+@)/i;

export const secretsInLayers: Rule = {
  meta: {
    id: "secrets-in-layers",
    origin: "imagediet",
    severity: "error",
    category: "security",
    title: "A credential is written into the image",
    why: "ARG and ENV values are stored in the image config and history; files written by RUN or COPY stay in their layer even if deleted later. Anyone who can pull the image can read them.",
    fix: "Use `RUN --mount=type=secret,id=NAME` (and `docker build --secret id=NAME,src=…`) so the secret is never stored.",
    fixable: false,
    examples: {
      bad: 'RUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc && npm ci',
      good: "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    const report = (message: string, range: Range) => reports.push({ message, range });
    for (const instruction of dockerfile.instructions) {
      const values =
        instruction.keyword === "ENV" || instruction.keyword === "LABEL"
          ? instruction.pairs.map((p) => p.value)
          : instruction.keyword === "ARG"
            ? instruction.definitions.flatMap((d) => (d.defaultValue ? [d.defaultValue] : []))
            : [];
      for (const value of values) {
        if (CREDENTIAL_VALUE.test(value.value))
          report(
            `${instruction.keyword} holds a credential in clear text; it is readable in the image config`,
            value.range,
          );
      }
    }
    for (const [run, commands] of runCommands(dockerfile)) {
      if (run.mounts.some((m) => m.type === "secret")) continue;
      for (const command of commands) {
        const writesFile = command.redirects.some(
          (r) => r.operator.includes(">") && SECRET_FILE.test(r.target.replace(/^~\//, "/root/")),
        );
        const text = command.text;
        if (CREDENTIAL_VALUE.test(text))
          report("a credential appears literally in a RUN; it is stored in the image history", command.range);
        else if (writesFile && AUTH_WRITE.test(text))
          report(
            "RUN writes credentials to a file that stays in the layer; use RUN --mount=type=secret",
            command.range,
          );
        else if (commandName(command) === "git" && /:\/\/[^/\s:@]+:[^@\s]+@/.test(text))
          report("a URL with a password is stored in the image history", command.range);
      }
    }
    for (const copy of copies(dockerfile)) {
      if (copy.from) continue;
      for (const source of copy.sources) {
        if (SECRET_FILE.test(source.value))
          report(
            `${source.value} looks like a secret and is copied into a layer; use RUN --mount=type=secret`,
            source.range,
          );
      }
    }
    return reports;
  },
};
