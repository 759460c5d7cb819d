/** Version ordering per ecosystem: negative when a < b, 0 when equal, positive when a > b. */
export type Compare = (a: string, b: string) => number;

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** dpkg's ordering of one upstream or revision part: `~` sorts before everything, letters before other symbols. */
function dpkgPart(a: string, b: string): number {
  const order = (ch: string | undefined) => {
    if (ch === undefined) return 0;
    if (ch === "~") return -1;
    if (/[A-Za-z]/.test(ch)) return ch.charCodeAt(0);
    return ch.charCodeAt(0) + 256;
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let first = 0;
    while ((i < a.length && !/\d/.test(a[i])) || (j < b.length && !/\d/.test(b[j]))) {
      const ca = i < a.length && !/\d/.test(a[i]) ? a[i] : undefined;
      const cb = j < b.length && !/\d/.test(b[j]) ? b[j] : undefined;
      const diff = order(ca) - order(cb);
      if (diff !== 0) return sign(diff);
      if (ca !== undefined) i++;
      if (cb !== undefined) j++;
    }
    let na = "";
    let nb = "";
    while (i < a.length && /\d/.test(a[i])) na += a[i++];
    while (j < b.length && /\d/.test(b[j])) nb += b[j++];
    first = sign(Number(na || "0") - Number(nb || "0"));
    if (first !== 0) return first;
  }
  return 0;
}

/** Debian versions: `[epoch:]upstream[-revision]`. */
export const compareDpkg: Compare = (a, b) => {
  const split = (v: string) => {
    const colon = v.indexOf(":");
    const epoch = colon === -1 ? 0 : Number(v.slice(0, colon));
    const rest = colon === -1 ? v : v.slice(colon + 1);
    const dash = rest.lastIndexOf("-");
    return {
      epoch,
      upstream: dash === -1 ? rest : rest.slice(0, dash),
      revision: dash === -1 ? "" : rest.slice(dash + 1),
    };
  };
  const x = split(a);
  const y = split(b);
  return sign(x.epoch - y.epoch) || dpkgPart(x.upstream, y.upstream) || dpkgPart(x.revision, y.revision);
};

const APK_SUFFIX: Record<string, number> = {
  alpha: -4,
  beta: -3,
  pre: -2,
  rc: -1,
  "": 0,
  cvs: 1,
  svn: 2,
  git: 3,
  hg: 4,
  p: 5,
};

/** Alpine versions: numbers, an optional letter, `_suffix[N]` parts, then `-rN`. */
export const compareApk: Compare = (a, b) => {
  const parse = (v: string) => {
    const match = /^([\d.]+)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:~[0-9a-f]+)?(?:-r(\d+))?$/.exec(
      v,
    );
    if (!match) return { numbers: [v], letter: "", suffixes: [] as [number, number][], release: 0 };
    const suffixes = [...match[3].matchAll(/_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/g)].map(
      (m) => [APK_SUFFIX[m[1]], Number(m[2] || 0)] as [number, number],
    );
    return { numbers: match[1].split("."), letter: match[2], suffixes, release: Number(match[4] ?? 0) };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.numbers.length, y.numbers.length); i++) {
    const p = x.numbers[i];
    const q = y.numbers[i];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    // Alpine compares a leading-zero part as a fraction (1.02 < 1.1).
    const diff = i > 0 && (p.startsWith("0") || q.startsWith("0")) ? p.localeCompare(q) : Number(p) - Number(q);
    if (diff !== 0) return sign(diff);
  }
  if (x.letter !== y.letter) return x.letter < y.letter ? -1 : 1;
  for (let i = 0; i < Math.max(x.suffixes.length, y.suffixes.length); i++) {
    const [ks, ns] = x.suffixes[i] ?? [0, 0];
    const [kt, nt] = y.suffixes[i] ?? [0, 0];
    if (ks !== kt) return sign(ks - kt);
    if (ns !== nt) return sign(ns - nt);
  }
  return sign(x.release - y.release);
};

/** Python versions (PEP 440): epoch, release, pre (a/b/rc), post, dev; local labels ignored. */
export const comparePep440: Compare = (a, b) => {
  const parse = (v: string) => {
    const m =
      /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:(?:-(\d+))|(?:[-_.]?(?:post|rev|r)[-_.]?(\d*)))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+.*)?$/i.exec(
        v.trim(),
      );
    if (!m) return undefined;
    const pre = m[3]
      ? { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 }[m[3].toLowerCase() as "a"]
      : undefined;
    const post = m[5] ?? m[6];
    return {
      epoch: Number(m[1] ?? 0),
      release: m[2].split(".").map(Number),
      pre: pre === undefined ? undefined : [pre, Number(m[4] || 0)],
      post: post === undefined ? undefined : Number(post || 0),
      dev: m[7] === undefined ? undefined : Number(m[7] || 0),
    };
  };
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return a.localeCompare(b);
  if (x.epoch !== y.epoch) return sign(x.epoch - y.epoch);
  for (let i = 0; i < Math.max(x.release.length, y.release.length); i++) {
    const d = (x.release[i] ?? 0) - (y.release[i] ?? 0);
    if (d !== 0) return sign(d);
  }
  // A dev release with no pre/post sorts before the pre-releases of the same version.
  const preKey = (v: NonNullable<typeof x>) =>
    v.pre ? v.pre : v.dev !== undefined && v.post === undefined ? [-1, 0] : [3, 0];
  const [pa, pb] = [preKey(x), preKey(y)];
  if (pa[0] !== pb[0]) return sign(pa[0] - pb[0]);
  if (pa[1] !== pb[1]) return sign(pa[1] - pb[1]);
  const postKey = (v: NonNullable<typeof x>) => (v.post === undefined ? -1 : v.post);
  if (postKey(x) !== postKey(y)) return sign(postKey(x) - postKey(y));
  const devKey = (v: NonNullable<typeof x>) => (v.dev === undefined ? Number.POSITIVE_INFINITY : v.dev);
  return sign(devKey(x) - devKey(y)) || 0;
};

/** Semantic versions (npm, Go with a leading v): pre-release identifiers per semver §11. */
export const compareSemver: Compare = (a, b) => {
  const parse = (v: string) => {
    const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(v.trim());
    return m ? { core: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], pre: m[4]?.split(".") ?? [] } : undefined;
  };
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return a.localeCompare(b);
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return sign(x.core[i] - y.core[i]);
  if (x.pre.length === 0 || y.pre.length === 0) return sign(y.pre.length - x.pre.length);
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn && Number(p) !== Number(q)) return sign(Number(p) - Number(q));
    if (pn !== qn) return pn ? -1 : 1;
    if (!pn && p !== q) return p < q ? -1 : 1;
  }
  return 0;
};

/** The ordering for an OSV ecosystem name (`Debian:12`, `Alpine:v3.20`, `PyPI`, `npm`, `Go`). */
export function compareFor(ecosystem: string): Compare {
  const base = ecosystem.split(":")[0];
  if (base === "Debian" || base === "Ubuntu") return compareDpkg;
  if (base === "Alpine" || base === "Wolfi" || base === "Chainguard") return compareApk;
  if (base === "PyPI") return comparePep440;
  return compareSemver;
}
