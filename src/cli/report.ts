import { readFileSync, writeFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { ImagedietError } from "../errors.js";
import { renderConsole } from "../report/console.js";
import { renderHtml } from "../report/html.js";
import { renderMarkdown } from "../report/markdown.js";
import { REPORT_VERSION, type Report } from "../report/model.js";
import { stdoutColor } from "./io.js";

/** Reads a report JSON; a wrong version or shape is a one-line error naming the file. */
export function readReport(file: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not JSON (${(error as Error).message})`;
    throw new ImagedietError(reason, { file });
  }
  const report = data as Partial<Report>;
  if (report.reportVersion !== REPORT_VERSION) {
    throw new ImagedietError(
      `reportVersion ${String(report.reportVersion)} is not supported (this imagediet reads ${REPORT_VERSION})`,
      { file },
    );
  }
  if (!Array.isArray(report.apps)) throw new ImagedietError("apps: expected an array of app reports", { file });
  return report as Report;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("render a comparison report (JSON from compare/run) as Markdown, HTML or JSON")
    .argument("<result>", "the report JSON")
    .addOption(
      new Option("--format <format>", "output format").choices(["md", "html", "json", "console"]).default("md"),
    )
    .option("-o, --output <file>", "write to a file instead of stdout")
    .action((file: string, options: { format: "md" | "html" | "json" | "console"; output?: string }) => {
      const report = readReport(file);
      const text =
        options.format === "html"
          ? renderHtml(report)
          : options.format === "json"
            ? `${JSON.stringify(report, null, 2)}\n`
            : options.format === "console"
              ? renderConsole(report, { color: stdoutColor() })
              : renderMarkdown(report);
      if (options.output) writeFileSync(options.output, text);
      else process.stdout.write(text);
    });
}
