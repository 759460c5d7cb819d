import { CREDENTIAL_VALUE, SECRET_FILE } from "../knowledge/secrets.js";
import { decompressedLayer, type ImageArchive } from "./archive.js";
import { readLayerEntries } from "./layers.js";

export interface SecretFinding {
  kind: "private-key" | "cloud-credential" | "token" | "env-file" | "registry-auth" | "config";
  /** Layer index, or -1 for the image config. */
  layer: number;
  /** The file, or `config.Env`, `history[3]`. */
  where: string;
  detail: string;
}

/** Only small files are read: secrets live in small files, and this keeps memory bounded. */
const MAX_SECRET_FILE = 256 * 1024;
const TEXT_CANDIDATE =
  /(^|\/)(\.env(\.[\w.-]+)?|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.dockercfg|config\.json|credentials|[^/]+\.(pem|key|p12|env|ya?ml|json|ini|cfg|conf|properties|toml|sh))$/;

const AUTH_LINE = /(_authToken\s*=\s*\S+|_auth\s*=\s*\S+|password\s*[=:]\s*\S+|"auth"\s*:\s*"[A-Za-z0-9+/=]{8,}")/i;
const SKIP =
  /^(usr\/share\/|usr\/lib\/python[\d.]+\/(test|site-packages\/.*\/tests?)\/|etc\/ssl\/|usr\/lib\/ssl\/|usr\/local\/lib\/node_modules\/npm\/)/;

function classify(path: string, content: string): SecretFinding["kind"] | undefined {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(content)) return "private-key";
  if (
    /AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|aws_secret_access_key/i.test(content) ||
    /"type"\s*:\s*"service_account"/.test(content)
  )
    return "cloud-credential";
  if (
    /(^|\/)(\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.dockercfg)$|\.docker\/config\.json$/.test(path) &&
    AUTH_LINE.test(content)
  )
    return "registry-auth";
  if (CREDENTIAL_VALUE.test(content)) return "token";
  if (
    /(^|\/)\.env(\.[\w-]+)?$/.test(path) &&
    !/\.(example|sample|template)$/.test(path) &&
    /^\s*[A-Z0-9_]+\s*=/m.test(content)
  )
    return "env-file";
  return undefined;
}

const FIRST_LINE = (content: string, kind: SecretFinding["kind"]) =>
  kind === "private-key"
    ? "a private key"
    : kind === "env-file"
      ? `${content.split("\n").filter((l) => l.includes("=")).length} variables`
      : "credentials (value not shown)";

/** Scans layers (small candidate files) and the image config for secrets; values are never printed. */
export async function findSecrets(image: ImageArchive): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  const env = image.config.config?.Env ?? [];
  for (const variable of env) {
    const [name, ...rest] = variable.split("=");
    const value = rest.join("=");
    if (CREDENTIAL_VALUE.test(value))
      findings.push({ kind: "config", layer: -1, where: "config.Env", detail: `${name} holds a credential` });
  }
  (image.config.history ?? []).forEach((entry, i) => {
    if (entry.created_by && CREDENTIAL_VALUE.test(entry.created_by))
      findings.push({
        kind: "config",
        layer: -1,
        where: `history[${i}]`,
        detail: "a build step's command line holds a credential (build args are recorded there)",
      });
  });
  for (const [index, layer] of image.layers.entries()) {
    await readLayerEntries(decompressedLayer(layer), {
      wants: (path, size) =>
        size > 0 &&
        size <= MAX_SECRET_FILE &&
        !SKIP.test(path) &&
        (SECRET_FILE.test(path) || TEXT_CANDIDATE.test(path)),
      found: (path, content) => {
        const text = content.toString("utf8");
        const kind = classify(path, text);
        if (kind) findings.push({ kind, layer: index, where: `/${path}`, detail: FIRST_LINE(text, kind) });
      },
    });
  }
  return findings;
}
