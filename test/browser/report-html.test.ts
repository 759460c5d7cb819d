import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { formatBytes, type Report } from "../../src/report/model.js";
import { ROOT } from "../helpers/shared.js";

const CHROMIUM = process.env.IMAGEDIET_CHROMIUM ?? "/usr/bin/chromium";
const REPORTS = join(ROOT, "reports");

describe("HTML report in headless Chromium", () => {
  const report: Report = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "report", "sample.json"), "utf8"));
  let browser: Browser;
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: run scripts/setup.sh (it installs Debian's chromium) or set IMAGEDIET_CHROMIUM`,
      );
    }
    mkdirSync(REPORTS, { recursive: true });
    writeFileSync(join(REPORTS, "sample-report.html"), renderHtml(report));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("draws the charts from the model's numbers, makes no network request, and keeps a screenshot", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on("request", (request) => {
      if (!request.url().startsWith("file:")) requests.push(request.url());
    });
    await page.goto(pathToFileURL(join(REPORTS, "sample-report.html")).href);
    expect(await page.locator("section[data-app]").count()).toBe(report.apps.length);

    for (const app of report.apps) {
      const section = page.locator(`section[data-app="${app.app}"]`);
      // Size bars: one per image, widths in the ratio of the sizes, labelled with the sizes.
      const original = section.locator('[data-chart="size"] g[data-bar="original"]');
      const optimized = section.locator('[data-chart="size"] g[data-bar="optimized"]');
      expect(Number(await original.getAttribute("data-bytes"))).toBe(app.original.sizeBytes);
      expect(Number(await optimized.getAttribute("data-bytes"))).toBe(app.optimized.sizeBytes);
      const widths = await Promise.all(
        [original, optimized].map((bar) => bar.locator("rect").evaluate((r) => r.getBoundingClientRect().width)),
      );
      expect(widths[1] / widths[0]).toBeCloseTo(Math.max(2 / 460, app.optimized.sizeBytes / app.original.sizeBytes), 2);
      expect(await original.locator("text.value").textContent()).toBe(formatBytes(app.original.sizeBytes));
      expect(await optimized.locator("text.value").textContent()).toBe(formatBytes(app.optimized.sizeBytes));
      // Layer stacks: one block per layer, with each layer's bytes.
      for (const which of ["original", "optimized"] as const) {
        const blocks = section.locator(`[data-chart="layers"] g[data-stack="${which}"] rect`);
        expect(await blocks.count()).toBe(app[which].layers.length);
        const bytes = await blocks.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("data-bytes"))));
        expect(bytes).toEqual(app[which].layers.map((l) => l.sizeBytes));
      }
      // CVEs by severity, when scanned.
      if (app.original.cves && app.optimized.cves) {
        for (const severity of ["critical", "high", "medium", "low", "unknown"] as const) {
          const bar = section.locator(`[data-cve="original-${severity}"]`);
          expect(Number(await bar.getAttribute("data-count"))).toBe(app.original.cves[severity]);
          expect(Number(await section.locator(`[data-cve="optimized-${severity}"]`).getAttribute("data-count"))).toBe(
            app.optimized.cves[severity],
          );
        }
      } else {
        expect(await section.locator('[data-chart="cves-missing"]').count()).toBe(1);
      }
      expect(await section.locator("p.headline").textContent()).toContain(
        `${(app.reduction * 100).toFixed(1)}% smaller`,
      );
    }
    await page.screenshot({ path: join(REPORTS, "report-screenshot.png"), fullPage: true });
    expect(existsSync(join(REPORTS, "report-screenshot.png"))).toBe(true);
    expect(requests).toEqual([]);
  });
});
