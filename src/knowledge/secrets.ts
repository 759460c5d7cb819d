/** Files that look like secrets, by name. */
export const SECRET_FILE =
  /(^|\/)(?![^/]*\.(example|sample|template|dist|defaults?)$)(\.env(\.[\w.-]+)?|id_rsa|id_ed25519|id_ecdsa|\.npmrc|\.pypirc|\.netrc|\.git-credentials|credentials(\.json)?|secrets?\.(json|ya?ml|env)|[^/]+\.(pem|key|p12|pfx|keystore|jks))$/;

/** Values that are credentials by their shape: cloud keys, tokens, private keys. */
export const CREDENTIAL_VALUE =
  /(AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35}|-----BEGIN [A-Z ]*PRIVATE KEY-----|npm_[A-Za-z0-9]{36}|glpat-[A-Za-z0-9_-]{20})/;
