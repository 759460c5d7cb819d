// A static file server for the world's package index: node static-server.mjs ROOT HOST PORT
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join, normalize } from "node:path";

const [root, host, port] = process.argv.slice(2);
createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
  let file = join(root, path);
  if (!file.startsWith(root)) file = root;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end("not found\n");
    return;
  }
  const type = file.endsWith(".html") ? "text/html" : "application/octet-stream";
  response.writeHead(200, { "content-type": type, "content-length": statSync(file).size });
  if (request.method === "HEAD") response.end();
  else createReadStream(file).pipe(response);
}).listen(Number(port), host);
