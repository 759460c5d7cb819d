import { writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { collectPackages, toCycloneDx } from "../vuln/sbom.js";
import { IMAGE_ARGUMENT, loadImage } from "./image-source.js";

export function registerSbom(program: Command): void {
  program
    .command("sbom")
    .description("list the installed packages (dpkg, apk, Python, Node) as CycloneDX 1.5 JSON or a table")
    .argument("<image>", IMAGE_ARGUMENT)
    .addOption(new Option("--format <format>", "output format").choices(["cyclonedx", "table"]).default("cyclonedx"))
    .option("-o, --output <file>", "write to a file instead of stdout")
    .option("--platform <os/arch>", "for a registry image with several platforms", "linux/amd64")
    .action(async (path: string, options: { format: "cyclonedx" | "table"; output?: string; platform?: string }) => {
      const image = await loadImage(path, options.platform);
      const { packages, distro } = await collectPackages(image);
      const text =
        options.format === "table"
          ? `${packages.map((p) => `${p.ecosystem.padEnd(5)} ${p.name.padEnd(32)} ${p.version.padEnd(24)} layer ${p.layer}  ${p.location}`).join("\n")}\n${packages.length} packages${distro ? ` on ${distro.id} ${distro.versionId ?? ""}`.trimEnd() : ""}\n`
          : `${toCycloneDx(image.repoTags[0] ?? path, packages, distro)}\n`;
      if (options.output) writeFileSync(options.output, text);
      else process.stdout.write(text);
    });
}
