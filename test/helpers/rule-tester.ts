import { describe, expect, it } from "vitest";
import { parse } from "../../src/dockerfile/index.js";
import { applyEdits } from "../../src/dockerfile/print.js";
import { ruleCatalog } from "../../src/lint/catalog.js";
import { defaultLintConfig } from "../../src/lint/config.js";
import { lint, PSEUDO_RULES } from "../../src/lint/engine.js";
import { runCommands } from "../../src/lint/helpers.js";
import { ALL_RULES } from "../../src/lint/rules/index.js";
import type { BuildContextInfo, Finding, Rule } from "../../src/lint/types.js";

export interface CatchCase {
  dockerfile: string;
  /** How many findings; default at least one. */
  count?: number;
  line?: number;
  column?: number;
  message?: string | RegExp;
  context?: Partial<BuildContextInfo>;
}

export interface RuleCases {
  catches: (string | CatchCase)[];
  passes: (string | { dockerfile: string; context?: Partial<BuildContextInfo> })[];
  /** [input, output after --fix]. */
  fixes?: [string, string][];
  /** Also run the RUN-based catches as `ONBUILD RUN …` and as heredoc scripts (`RUN <<EOF`). */
  onbuild?: boolean;
  /**
   * Every catch whose RUNs run commands is also run with `sudo ` before each of them, and must give
   * as many findings: set to false, with the reason beside it, for a rule about sudo itself.
   */
  sudo?: false;
}

function contextOf(partial: Partial<BuildContextInfo> | undefined): BuildContextInfo | undefined {
  if (!partial) return undefined;
  return { root: "/ctx", paths: [], dockerignore: undefined, truncated: false, ...partial };
}

const CATALOG = ruleCatalog(ALL_RULES, PSEUDO_RULES);

export function findingsOf(rule: Rule, dockerfile: string, context?: Partial<BuildContextInfo>): Finding[] {
  const config = { ...defaultLintConfig(), enable: [rule.meta.id] };
  return lint(parse(dockerfile), { rules: [rule], config, context: contextOf(context), catalog: CATALOG }).filter(
    (f) => f.rule === rule.meta.id,
  );
}

export function fixWith(rule: Rule, text: string): string {
  for (let pass = 0; pass < 10; pass++) {
    const edits = findingsOf(rule, text).flatMap((f) => f.fix ?? []);
    if (edits.length === 0) return text;
    text = applyEdits(text, edits.slice(0, 1));
  }
  return text;
}

/** The Dockerfile with `sudo ` before every command its RUNs run without a wrapper; undefined if there is none. */
function behindSudo(text: string): string | undefined {
  const offsets = runCommands(parse(text))
    .flatMap(([, commands]) => commands)
    .filter((command) => command.wrappers.length === 0 && command.name && !command.name.value.includes("$"))
    .map((command) => command.name?.range.start.offset ?? 0)
    .sort((a, b) => b - a);
  if (offsets.length === 0) return undefined;
  return offsets.reduce((result, offset) => `${result.slice(0, offset)}sudo ${result.slice(offset)}`, text);
}

/** ESLint's RuleTester shape: catching cases, passing cases, and fixes with their expected output. */
export function testRule(rule: Rule, cases: RuleCases): void {
  describe(`${rule.meta.id}: ${rule.meta.title}`, () => {
    const normalize = (c: string | CatchCase): CatchCase => (typeof c === "string" ? { dockerfile: c } : c);
    it("has at least 3 catching and 3 passing cases", () => {
      expect(cases.catches.length).toBeGreaterThanOrEqual(3);
      expect(cases.passes.length).toBeGreaterThanOrEqual(3);
    });
    it.each(cases.catches.map(normalize))("catches: $dockerfile", (c) => {
      const found = findingsOf(rule, c.dockerfile, c.context);
      if (c.count !== undefined) expect(found).toHaveLength(c.count);
      else expect(found.length).toBeGreaterThan(0);
      if (c.line !== undefined) expect(found[0].range.start.line).toBe(c.line);
      if (c.column !== undefined) expect(found[0].range.start.column).toBe(c.column);
      if (c.message !== undefined) expect(found[0].message).toMatch(c.message);
    });
    if (cases.onbuild) {
      const wrapped = cases.catches.map(normalize).filter((c) => /^RUN /m.test(c.dockerfile));
      it.each(wrapped)("catches under ONBUILD: $dockerfile", (c) => {
        const text = c.dockerfile.replace(/^RUN /gm, "ONBUILD RUN ");
        expect(findingsOf(rule, text, c.context).length).toBeGreaterThan(0);
      });
      // A one-line shell-form RUN without flags becomes the same script in a heredoc.
      const heredocs = wrapped.filter((c) => /^RUN (?!--|<<|\[)[^\n\\]+$/m.test(c.dockerfile));
      it.each(heredocs)("catches as a heredoc script: $dockerfile", (c) => {
        const text = c.dockerfile.replace(/^RUN ((?!--|<<|\[)[^\n\\]+)$/gm, "RUN <<EOF\n$1\nEOF");
        expect(findingsOf(rule, text, c.context).length).toBeGreaterThan(0);
      });
    }
    if (cases.sudo !== false) {
      const wrapped = cases.catches
        .map(normalize)
        .map((c) => ({ ...c, sudo: behindSudo(c.dockerfile) }))
        .filter((c): c is CatchCase & { sudo: string } => c.sudo !== undefined);
      it.each(wrapped)("catches behind sudo: $sudo", (c) => {
        const plain = findingsOf(rule, c.dockerfile, c.context);
        expect(findingsOf(rule, c.sudo, c.context)).toHaveLength(plain.length);
      });
    }
    it.each(cases.passes.map((c) => (typeof c === "string" ? { dockerfile: c } : c)))("passes: $dockerfile", (c) => {
      expect(findingsOf(rule, c.dockerfile, c.context)).toEqual([]);
    });
    if (cases.fixes) {
      it.each(cases.fixes)("fixes: %s", (input, output) => {
        expect(fixWith(rule, input)).toBe(output);
      });
    }
  });
}
