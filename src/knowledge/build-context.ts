/** What should never be sent to a builder: VCS data, dependency folders, caches, build output, env files and keys. */
export const UNWANTED_IN_CONTEXT: { pattern: RegExp; entry: string; why: string }[] = [
  { pattern: /^\.git\/$/, entry: ".git", why: "the repository history (often larger than the code)" },
  {
    pattern: /(^|\/)node_modules\/$/,
    entry: "node_modules",
    why: "host-built dependencies (wrong platform, hundreds of MB)",
  },
  { pattern: /(^|\/)__pycache__\/$/, entry: "__pycache__", why: "Python bytecode caches" },
  { pattern: /^target\/$/, entry: "target", why: "Rust or Maven build output" },
  { pattern: /^(\.venv|venv)\/$/, entry: ".venv", why: "a host virtualenv" },
  { pattern: /(^|\/)\.env(\.[\w.-]+)?$/, entry: ".env*", why: "environment files with secrets" },
  {
    pattern: /(^|\/)(id_rsa|id_ed25519|id_ecdsa)$|\.(pem|key|p12|pfx)$/,
    entry: "*.pem / *.key / id_rsa",
    why: "private keys",
  },
];
