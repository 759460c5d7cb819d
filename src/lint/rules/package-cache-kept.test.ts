import { testRule } from "../../../test/helpers/rule-tester.js";
import { packageCacheKept } from "./package-cache-kept.js";

testRule(packageCacheKept, {
  catches: [
    "FROM node:20\nRUN npm ci --omit=dev",
    "FROM golang:1.22\nRUN go build -o /app .",
    "FROM rust:1.80\nRUN cargo build --release",
    "FROM node:20\nRUN pnpm install --prod",
  ],
  passes: [
    "FROM node:20\nRUN npm ci --omit=dev && npm cache clean --force",
    "FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci",
    "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app",
    "FROM golang:1.22\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app",
  ],
  onbuild: true,
});
