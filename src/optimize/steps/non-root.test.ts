import { describe, expect, it } from "vitest";
import { modelOf } from "../../analyze/effects.js";
import { analyzeApp } from "../../analyze/stack.js";
import { parse } from "../../dockerfile/index.js";
import type { OptimizeOptions } from "../types.js";
import { nonRootStep } from "./non-root.js";

function apply(text: string, options: Partial<OptimizeOptions> = {}) {
  const dockerfile = parse(text, { file: "Dockerfile" });
  const facts = analyzeApp({ paths: [], read: () => undefined }, dockerfile);
  return nonRootStep.apply({
    dockerfile,
    model: modelOf(dockerfile),
    facts,
    options: { target: "auto", ...options },
    context: undefined,
  });
}

describe("non-root step", () => {
  it.each([
    [
      "Debian-based: a created system user that owns WORKDIR",
      'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nCMD ["python", "app.py"]\n',
      'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN useradd --system --uid 10001 --user-group --no-log-init --create-home app && chown 10001:10001 /srv\nUSER 10001:10001\nCMD ["python", "app.py"]\n',
    ],
    [
      "Alpine: BusyBox addgroup and adduser",
      'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["curl", "--version"]\n',
      'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN addgroup -S -g 10001 app && adduser -S -D -u 10001 -G app app\nUSER 10001:10001\nCMD ["curl", "--version"]\n',
    ],
    [
      "node images bring their own user",
      'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN chown 1000:1000 /app\nUSER 1000:1000\nCMD ["node", "server.js"]\n',
    ],
    [
      "scratch: a numeric user only",
      'FROM golang:1.22 AS build\nRUN go build -o /server .\nFROM scratch\nCOPY --from=build /server /server\nCMD ["/server"]\n',
      'FROM golang:1.22 AS build\nRUN go build -o /server .\nFROM scratch\nCOPY --from=build /server /server\nUSER 65532:65532\nCMD ["/server"]\n',
    ],
    [
      "declared volumes are created and owned",
      'FROM debian:bookworm-slim\nWORKDIR /app\nCOPY app /app/app\nVOLUME /data\nCMD ["./app"]\n',
      'FROM debian:bookworm-slim\nWORKDIR /app\nCOPY app /app/app\nRUN useradd --system --uid 10001 --user-group --no-log-init --create-home app && mkdir -p /data && chown 10001:10001 /app /data\nUSER 10001:10001\nVOLUME /data\nCMD ["./app"]\n',
    ],
    [
      "only the final stage of a multi-stage file",
      'FROM node:20 AS build\nWORKDIR /app\nRUN npm ci\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app .\nEXPOSE 3000\nCMD ["node", "index.js"]\n',
      'FROM node:20 AS build\nWORKDIR /app\nRUN npm ci\nFROM node:20-slim\nWORKDIR /app\nCOPY --from=build /app .\nRUN chown 1000:1000 /app\nUSER 1000:1000\nEXPOSE 3000\nCMD ["node", "index.js"]\n',
    ],
  ])("%s", (_name, text, expected) => {
    expect(apply(text).text).toBe(expected);
  });

  it.each([
    ["the user chose a USER", 'FROM python:3.12\nUSER app\nCMD ["python"]\n', {}, /already chooses/],
    ["--keep-user", 'FROM python:3.12\nCMD ["python"]\n', { keepUser: true }, /--keep-user/],
    ["a port below 1024", 'FROM python:3.12\nEXPOSE 80\nCMD ["python", "app.py"]\n', {}, /port 80/],
    ["a port from an ARG through EXPOSE", 'FROM debian\nARG P=443\nEXPOSE $P\nCMD ["./app"]\n', {}, /port 443/],
    ["a port in the command", 'FROM python:3.12\nCMD ["gunicorn", "-b", "0.0.0.0:80", "app:app"]\n', {}, /port 80/],
    ["an image that drops root itself", "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n", {}, /no CMD|nginx image/],
    [
      "nginx started by the Dockerfile",
      'FROM debian\nRUN apt-get install -y nginx\nCMD ["nginx", "-g", "daemon off;"]\n',
      {},
      /nginx starts as root/,
    ],
    [
      "an entrypoint script",
      'FROM debian\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n',
      {},
      /entrypoint script/,
    ],
  ])("keeps root when %s, and says why", (_name, text, options, why) => {
    const result = apply(text, options);
    expect(result.text).toBe(text);
    expect(result.left?.map((l) => l.why).join(" ")).toMatch(why);
  });
});
