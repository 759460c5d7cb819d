/** CVSS v3.x base score from a vector (the formula of the CVSS 3.1 specification, §7). */
export function cvss3BaseScore(vector: string): number | undefined {
  const metrics = new Map(
    vector
      .split("/")
      .slice(1)
      .map((part) => part.split(":") as [string, string]),
  );
  const W: Record<string, Record<string, number>> = {
    AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
    AC: { L: 0.77, H: 0.44 },
    UI: { N: 0.85, R: 0.62 },
    C: { H: 0.56, L: 0.22, N: 0 },
    I: { H: 0.56, L: 0.22, N: 0 },
    A: { H: 0.56, L: 0.22, N: 0 },
  };
  const scope = metrics.get("S");
  const get = (key: string) => W[key]?.[metrics.get(key) ?? ""];
  const pr = { N: 0.85, L: scope === "C" ? 0.68 : 0.62, H: scope === "C" ? 0.5 : 0.27 }[metrics.get("PR") as "N"];
  const values = [get("AV"), get("AC"), pr, get("UI"), get("C"), get("I"), get("A")];
  if (!vector.startsWith("CVSS:3") || values.some((v) => v === undefined) || (scope !== "U" && scope !== "C"))
    return undefined;
  const [av, ac, prv, ui, c, i, a] = values as number[];
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === "U" ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av * ac * prv * ui;
  if (impact <= 0) return 0;
  const raw = scope === "U" ? Math.min(impact + exploitability, 10) : Math.min(1.08 * (impact + exploitability), 10);
  return roundUp(raw);
}

/** CVSS 3.1's Roundup: the smallest one-decimal number not less than the input. */
function roundUp(value: number): number {
  const int = Math.round(value * 100000);
  return int % 10000 === 0 ? int / 100000 : (Math.floor(int / 10000) + 1) / 10;
}

export type SeverityName = "critical" | "high" | "medium" | "low" | "unknown";

export function ratingOf(score: number): SeverityName {
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  if (score > 0) return "low";
  return "unknown";
}
