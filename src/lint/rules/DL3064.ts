import type { Report, Rule } from "../types.js";

const SECRET_WORDS = new Set([
  "apikey",
  "auth",
  "credential",
  "credentials",
  "key",
  "password",
  "pword",
  "passwd",
  "secret",
  "token",
]);
const ALLOWED_WORDS = new Set(["public", "file", "version"]);

/** BuildKit's test: a whole `_`-delimited word from the secret list, and none from the allow list. */
export function looksSecret(name: string): boolean {
  const words = name.toLowerCase().split(/[_\-.]+/);
  return words.some((w) => SECRET_WORDS.has(w)) && !words.some((w) => ALLOWED_WORDS.has(w));
}

export const DL3064: Rule = {
  meta: {
    id: "DL3064",
    aliases: ["SecretsUsedInArgOrEnv"],
    origin: "hadolint",
    severity: "warning",
    category: "security",
    title: "Sensitive data should not be used in ARG or ENV",
    why: "ARG and ENV values are stored in the image config and history: anyone who can pull the image can read them.",
    fix: "Pass secrets with `RUN --mount=type=secret,id=NAME` and `docker build --secret id=NAME,…`.",
    fixable: false,
    examples: {
      bad: "ARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/x/y",
      good: "RUN --mount=type=secret,id=github_token git clone …",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const instruction of dockerfile.instructions) {
      const names =
        instruction.keyword === "ARG"
          ? instruction.definitions.map((d) => d.name)
          : instruction.keyword === "ENV"
            ? instruction.pairs.map((p) => p.key)
            : [];
      for (const name of names) {
        if (!looksSecret(name.value)) continue;
        reports.push({
          message: `Do not use ARG or ENV instructions for sensitive data (${instruction.keyword} "${name.value}"): use RUN --mount=type=secret`,
          range: name.range,
        });
      }
    }
    return reports;
  },
};
