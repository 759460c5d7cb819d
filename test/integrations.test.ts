import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { imagediet } from "./helpers/cli.js";
import { ROOT } from "./helpers/shared.js";

describe("CI integrations", () => {
  it("action.yml is a composite action whose steps call existing lint options", () => {
    const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8"));
    expect(action.runs.using).toBe("composite");
    const commands = action.runs.steps.map((s: { run: string }) => s.run).join("\n");
    expect(commands).toContain("lint -f github");
    expect(commands).toContain("lint -f sarif");
  });

  it("action.yml builds imagediet from its own checkout, never from an npm name", () => {
    const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8"));
    const steps = action.runs.steps as { run: string }[];
    expect(steps[0].run).toContain('cd "$GITHUB_ACTION_PATH"');
    expect(steps[0].run).toContain("npm run build");
    const commands = steps.map((s) => s.run).join("\n");
    expect(commands).not.toMatch(/npx|npm (install|i) (-g )?imagediet/);
  });

  it("action.yml's compare step calls `imagediet run` with options it has, and comments the summary", () => {
    const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8"));
    const steps = action.runs.steps as { name: string; run: string; if?: string }[];
    const compare = steps.find((s) => s.run.startsWith("imagediet run "));
    expect(compare?.if).toContain("inputs.compare == 'true'");
    const help = imagediet(["run", "--help"]).stdout;
    const options = compare?.run.split("imagediet run ")[1]?.match(/ --[a-z-]+/g) ?? [];
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) expect(help).toContain(option.trim());
    expect(steps.at(-1)?.run).toMatch(/gh pr comment .* --body-file "\$file"/);
  });

  it("pre-commit hooks match Dockerfile names", () => {
    const hooks = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as {
      id: string;
      files: string;
      entry: string;
      language: string;
    }[];
    expect(hooks.map((h) => h.id)).toEqual(["imagediet-lint", "imagediet-lint-fix"]);
    const files = new RegExp(hooks[0].files);
    for (const name of ["Dockerfile", "app/Dockerfile.prod", "Containerfile", "api.Dockerfile"])
      expect(files.test(name), name).toBe(true);
    for (const name of ["README.md", "src/index.ts"]) expect(files.test(name), name).toBe(false);
    // pre-commit's node language installs the repository itself: npm install, npm pack (prepack builds).
    for (const hook of hooks)
      expect(hook).toMatchObject({ language: "node", entry: expect.stringMatching(/^imagediet /) });
    expect(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.prepack).toBe("npm run build");
  });
});
