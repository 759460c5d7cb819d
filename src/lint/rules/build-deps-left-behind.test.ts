import { testRule } from "../../../test/helpers/rule-tester.js";
import { buildDepsLeftBehind } from "./build-deps-left-behind.js";

testRule(buildDepsLeftBehind, {
  catches: [
    "FROM python:3.11-alpine\nRUN apk add --no-cache gcc musl-dev && pip install uwsgi",
    "FROM debian:bookworm\nRUN apt-get install -y build-essential libpq-dev",
    "FROM python:3.11-alpine\nRUN apk add --virtual .deps gcc && pip install x\nRUN apk del .deps",
  ],
  passes: [
    "FROM python:3.11-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install uwsgi && apk del .build-deps",
    "FROM debian:bookworm AS build\nRUN apt-get install -y gcc\nFROM debian:bookworm-slim",
    "FROM debian:bookworm\nRUN apt-get install -y libpq5 curl",
    "FROM debian:bookworm\nRUN apt-get install -y gcc && make && apt-get purge -y gcc",
  ],
});
