import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { openImage } from "../image/archive.js";
import { collectPackages, toCycloneDx } from "../vuln/sbom.js";

export function registerSbom(program: Command): void {
  program
    .command("sbom")
    .description("list the installed packages (dpkg, apk, Python, Node) as CycloneDX 1.5 JSON or a table")
    .argument("<image>", "a docker save tar, an OCI layout tar, or an OCI layout folder")
    .addOption(new Option("--format <format>", "output format").choices(["cyclonedx", "table"]).default("cyclonedx"))
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action(async (path: string, options: { format: "cyclonedx" | "table"; output?: string }) => {
      const image = openImage(path);
      const { packages, distro } = await collectPackages(image);
      const text =
        options.format === "table"
          ? `${packages.map((p) => `${p.ecosystem.padEnd(5)} ${p.name.padEnd(32)} ${p.version.padEnd(24)} layer ${p.layer}  ${p.location}`).join("\n")}\n${packages.length} packages${distro ? ` on ${distro.id} ${distro.versionId ?? ""}`.trimEnd() : ""}\n`
          : `${toCycloneDx(image.repoTags[0] ?? path, packages, distro)}\n`;
      if (options.output) writeFileSync(options.output, text);
      else process.stdout.write(text);
    });
}
