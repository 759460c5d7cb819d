import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { ImagedietError } from "../errors.js";
import { type ScannerChoice, scanImage } from "../pipeline/scan.js";
import type { Vulnerability } from "../vuln/osv.js";
import { countBySeverity, fromScannerJson } from "../vuln/scanners.js";
import { IMAGE_ARGUMENT, loadImage } from "./image-source.js";
import { EXIT } from "./version.js";

interface ScanFlags extends ScannerChoice {
  import?: string;
  json?: boolean;
  failOn?: "critical" | "high";
  against?: string;
}

function table(vulnerabilities: Vulnerability[]): string {
  const counts = countBySeverity(vulnerabilities);
  const lines = vulnerabilities.map(
    (v) =>
      `${v.severity.padEnd(8)} ${v.id.padEnd(22)} ${v.package.padEnd(24)} ${v.installedVersion.padEnd(22)} ${v.fixedVersion ? `fixed in ${v.fixedVersion}` : "no fix"}`,
  );
  lines.push(
    `${vulnerabilities.length} vulnerabilities: ${Object.entries(counts)
      .map(([s, n]) => `${n} ${s}`)
      .join(", ")}`,
  );
  return `${lines.join("\n")}\n`;
}

export function registerScan(program: Command): void {
  program
    .command("scan")
    .description("CVEs of an image's packages: trivy or grype when installed, else OSV records on disk")
    .argument("<image>", IMAGE_ARGUMENT)
    .option("--db <dir>", "folder of OSV records (JSON or YAML) to match against")
    .addOption(
      new Option("--scanner <scanner>", "which scanner").choices(["auto", "trivy", "grype", "osv"]).default("auto"),
    )
    .option("--import <file>", "read a trivy or grype JSON report instead of scanning")
    .option("--json", "print the findings as JSON")
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when a finding is at or above this severity").choices([
        "critical",
        "high",
      ]),
    )
    .option("--against <image>", "compare with another image: CVEs fixed and new")
    .action(async (image: string, flags: ScanFlags) => {
      const scan = async (path: string) => {
        if (flags.import && path === image) {
          const parsed = fromScannerJson(JSON.parse(readFileSync(flags.import, "utf8")));
          if (!parsed) throw new ImagedietError("neither a trivy nor a grype JSON report", { file: flags.import });
          return parsed;
        }
        return scanImage(path, flags, loadImage);
      };
      const result = await scan(image);
      if (flags.against) {
        const before = await scan(flags.against);
        const key = (v: Vulnerability) => `${v.id}/${v.package}`;
        const old = new Set(before.vulnerabilities.map(key));
        const now = new Set(result.vulnerabilities.map(key));
        const fixed = before.vulnerabilities.filter((v) => !now.has(key(v)));
        const added = result.vulnerabilities.filter((v) => !old.has(key(v)));
        const delta = {
          before: countBySeverity(before.vulnerabilities),
          after: countBySeverity(result.vulnerabilities),
          fixed,
          new: added,
        };
        process.stdout.write(
          flags.json
            ? `${JSON.stringify(delta, null, 2)}\n`
            : `${before.vulnerabilities.length} → ${result.vulnerabilities.length} vulnerabilities: ${fixed.length} fixed, ${added.length} new\n${added.map((v) => `  + ${v.severity} ${v.id} ${v.package}`).join("\n")}${added.length ? "\n" : ""}`,
        );
      } else {
        process.stdout.write(
          flags.json
            ? `${JSON.stringify({ scanner: result.scanner, counts: countBySeverity(result.vulnerabilities), vulnerabilities: result.vulnerabilities }, null, 2)}\n`
            : table(result.vulnerabilities),
        );
      }
      const failing = flags.failOn === "critical" ? ["critical"] : flags.failOn === "high" ? ["critical", "high"] : [];
      process.exitCode = result.vulnerabilities.some((v) => failing.includes(v.severity)) ? EXIT.findings : EXIT.ok;
    });
}
