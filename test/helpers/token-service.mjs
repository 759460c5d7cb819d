// A registry token service as Docker Hub's works, in its own process (the CLI under test is run
// synchronously, so the service cannot live in the test's process):
//   node token-service.mjs KEY CERT PORT USER PASSWORD LOG
// GET /token?service=…&scope=repository:NAME:ACTIONS answers {"token": JWT}, an RS256 JWT whose x5c
// header carries the signing certificate. Repositories under private/ need the basic credentials.
// Each request is appended to LOG as a JSON line.

import { createPrivateKey, randomBytes, sign, X509Certificate } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import { createServer } from "node:http";

const [keyFile, certFile, port, user, password, log] = process.argv.slice(2);
const key = createPrivateKey(readFileSync(keyFile));
const der = new X509Certificate(readFileSync(certFile)).raw;
const base64url = (data) => Buffer.from(data).toString("base64url");

createServer((request, response) => {
  const url = new URL(request.url ?? "/", `http://127.0.0.1:${port}`);
  const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? "")?.[1];
  const [asUser, asPassword] = basic ? Buffer.from(basic, "base64").toString().split(":") : [];
  const scope = url.searchParams.get("scope");
  appendFileSync(log, `${JSON.stringify({ service: url.searchParams.get("service"), scope, user: asUser })}\n`);
  const [, name = "", actions = ""] = /^repository:([^:]+):(.+)$/.exec(scope ?? "") ?? [];
  if (name.startsWith("private/") && (asUser !== user || asPassword !== password)) {
    response.writeHead(401).end('{"details":"access to the requested resource is not authorized"}');
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: "JWT", alg: "RS256", x5c: [der.toString("base64")] };
  const claims = {
    iss: "imagediet-test-issuer",
    sub: asUser ?? "",
    aud: "imagediet-test",
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomBytes(8).toString("hex"),
    access: name ? [{ type: "repository", name, actions: actions.split(",") }] : [],
  };
  const signed = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const token = `${signed}.${base64url(sign("RSA-SHA256", Buffer.from(signed), key))}`;
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ token }));
}).listen(Number(port), "127.0.0.1");
