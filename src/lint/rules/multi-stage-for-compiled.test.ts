import { testRule } from "../../../test/helpers/rule-tester.js";
import { multiStageForCompiled } from "./multi-stage-for-compiled.js";

testRule(multiStageForCompiled, {
  catches: [
    "FROM golang:1.22\nCOPY . .\nRUN go build -o /app",
    "FROM rust:1.80\nRUN cargo build --release",
    "FROM debian:bookworm\nRUN apt-get install -y gcc && make",
    "FROM node:20\nRUN npm ci && npm run build",
  ],
  passes: [
    "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app",
    "FROM python:3.12-slim\nRUN pip install flask",
    "FROM node:20-slim\nRUN npm ci --omit=dev",
  ],
});
