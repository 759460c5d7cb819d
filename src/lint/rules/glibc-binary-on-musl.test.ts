import { testRule } from "../../../test/helpers/rule-tester.js";
import { glibcBinaryOnMusl } from "./glibc-binary-on-musl.js";

testRule(glibcBinaryOnMusl, {
  catches: [
    "FROM rust:1.80 AS build\nRUN cargo build --release\nFROM alpine:3.20\nCOPY --from=build /app/target/release/app /app",
    "FROM golang:1.22 AS build\nRUN go build -o /out/app\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app",
    "FROM debian:bookworm AS b\nRUN make\nFROM python:3.12-alpine\nCOPY --from=b /usr/local/bin/tool /usr/local/bin/tool",
  ],
  passes: [
    "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /out/app\nFROM alpine:3.20\nCOPY --from=build /out/app /app",
    "FROM rust:1.80-alpine AS build\nRUN cargo build --release\nFROM alpine:3.20\nCOPY --from=build /app/target/release/app /app",
    "FROM node:20 AS build\nRUN npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist/index.html /usr/share/nginx/html/",
  ],
});
