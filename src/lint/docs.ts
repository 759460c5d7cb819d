import type { Rule } from "./types.js";

const ORIGIN: Record<string, string> = {
  hadolint: "hadolint rule (same id, so `# hadolint ignore=` pragmas and hadolint configs carry over)",
  buildkit: "BuildKit build check (same name as `docker build --check`)",
  imagediet: "imagediet rule",
};

function fence(text: string): string {
  return `\`\`\`dockerfile\n${text}\n\`\`\``;
}

/** The Markdown page of one rule: what, why, bad and good, the fix, how to ignore it. */
export function ruleDoc(rule: Rule): string {
  const { meta } = rule;
  const names = [meta.id, ...(meta.aliases ?? [])];
  const lines = [
    `# ${meta.id}: ${meta.title}`,
    "",
    `- Severity: **${meta.severity}**${meta.optIn ? ` (off by default: enable with \`lint.enable: [${meta.id}]\` or \`--enable ${meta.id}\`)` : ""}`,
    `- Category: ${meta.category}`,
    `- Origin: ${ORIGIN[meta.origin]}`,
    `- Fixable with \`--fix\`: ${meta.fixable ? "yes" : "no"}`,
    ...(meta.aliases?.length ? [`- Also answers to: ${meta.aliases.map((a) => `\`${a}\``).join(", ")}`] : []),
    "",
    "## Why",
    "",
    meta.why,
    "",
    "## Bad",
    "",
    fence(meta.examples.bad),
    "",
    "## Good",
    "",
    fence(meta.examples.good),
    "",
    "## Fix",
    "",
    meta.fix,
    "",
    "## Ignore it",
    "",
    "For one instruction, put a comment right above it:",
    "",
    fence(`# imagediet ignore=${meta.id} reason why`),
    "",
    `For the whole file: \`# imagediet global ignore=${meta.id}\`. In \`.imagediet.yaml\`: \`lint: { ignored: [${meta.id}] }\`, or \`--ignore ${meta.id}\` on the command line.`,
    ...(meta.origin === "hadolint" ? ["", `\`# hadolint ignore=${meta.id}\` is honoured too.`] : []),
    ...(names.some((n) => /^[A-Z][a-z]/.test(n))
      ? ["", `BuildKit's \`# check=skip=${names.find((n) => /^[A-Z][a-z]/.test(n))}\` is honoured too.`]
      : []),
    "",
  ];
  return lines.join("\n");
}

/** A short page for a BuildKit name that is an alias of a hadolint rule. */
export function aliasDoc(alias: string, rules: Rule[]): string {
  const links = rules.map((r) => `- [${r.meta.id}](${r.meta.id}.md): ${r.meta.title}`).join("\n");
  return `# ${alias}\n\nBuildKit's \`${alias}\` check is covered by:\n\n${links}\n\nFindings are reported under the hadolint id, with \`${alias}\` listed in \`aliases\`; \`# check=skip=${alias}\` and \`--ignore ${alias}\` work.\n`;
}

/** The index of every rule, grouped by origin. */
export function rulesIndex(rules: readonly Rule[]): string {
  const section = (origin: string, title: string) => {
    const rows = rules
      .filter((r) => r.meta.origin === origin)
      .map(
        (r) =>
          `| [${r.meta.id}](${r.meta.id}.md) | ${r.meta.severity}${r.meta.optIn ? " (opt-in)" : ""} | ${r.meta.fixable ? "yes" : ""} | ${r.meta.title} |`,
      );
    return [`## ${title}`, "", "| rule | severity | fix | what |", "|---|---|---|---|", ...rows, ""].join("\n");
  };
  return [
    "# Lint rules",
    "",
    `${rules.length} rules. \`imagediet rules\` lists them too.`,
    "",
    section("imagediet", "imagediet rules (structure, size, cache, security)"),
    section("hadolint", "hadolint rules"),
    section("buildkit", "BuildKit build checks"),
  ].join("\n");
}

/** Every docs/rules file: name → content. */
export function allRuleDocs(rules: readonly Rule[]): Map<string, string> {
  const files = new Map<string, string>();
  files.set("README.md", rulesIndex(rules));
  const aliases = new Map<string, Rule[]>();
  for (const rule of rules) {
    files.set(`${rule.meta.id}.md`, ruleDoc(rule));
    for (const alias of rule.meta.aliases ?? []) aliases.set(alias, [...(aliases.get(alias) ?? []), rule]);
  }
  for (const [alias, owners] of aliases) files.set(`${alias}.md`, aliasDoc(alias, owners));
  files.set("parse-error.md", PARSE_ERROR_DOC);
  return files;
}

const PARSE_ERROR_DOC = `# parse-error: the Dockerfile does not parse as BuildKit reads it

- Severity: **error** (exit code 2)
- Also answers to: \`DL1000\` (hadolint's code for parse errors)

imagediet reads the file exactly as BuildKit does and reports what BuildKit would stop at: an
unterminated heredoc, an unknown instruction, an unknown or duplicate flag, a bad escape directive,
JSON arrays with non-string elements, wrong argument counts. Linting goes on for every instruction
that did parse, so one error does not hide the rest.

A parse error cannot be ignored: the build would fail on it. Fix the line the message names.
`;
