// A static file server for tests and the world's package index: node static-server.mjs ROOT HOST PORT [LOG]
// Sends ETag and Last-Modified and answers conditional GETs with 304, as object stores do; with LOG,
// appends each request's path and If-None-Match to that file (one JSON line each).
import { appendFileSync, createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join, normalize } from "node:path";

const [root, host, port, log] = process.argv.slice(2);
createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
  let file = join(root, path);
  if (!file.startsWith(root)) file = root;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  const conditional = request.headers["if-none-match"] ?? null;
  if (log) appendFileSync(log, `${JSON.stringify({ path, ifNoneMatch: conditional })}\n`);
  if (!existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end("not found\n");
    return;
  }
  const stat = statSync(file);
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers = { etag, "last-modified": stat.mtime.toUTCString() };
  if (conditional === etag) {
    response.writeHead(304, headers).end();
    return;
  }
  const type = file.endsWith(".html") ? "text/html" : "application/octet-stream";
  response.writeHead(200, { ...headers, "content-type": type, "content-length": stat.size });
  if (request.method === "HEAD") response.end();
  else createReadStream(file).pipe(response);
}).listen(Number(port), host);
