import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3008 } from "./DL3008.js";
import { DL3013 } from "./DL3013.js";
import { DL3016 } from "./DL3016.js";
import { DL3018 } from "./DL3018.js";
import { DL3028 } from "./DL3028.js";
import { DL3062 } from "./DL3062.js";

testRule(DL3008, {
  catches: [
    "FROM debian\nRUN apt-get install -y curl",
    { dockerfile: "FROM debian\nRUN apt-get install -y curl=1 git", count: 1 },
    "FROM debian\nRUN apt install -y curl",
  ],
  passes: [
    "FROM debian\nRUN apt-get install -y curl=7.88.1",
    "FROM debian\nRUN apt-get install -y ./pkg.deb",
    "FROM debian\nRUN apt-get install -y -t bookworm-backports curl",
    "FROM debian\nRUN apt-get install -y $PKGS",
  ],
});

testRule(DL3018, {
  catches: [
    "FROM alpine:3.20\nRUN apk add --no-cache curl",
    { dockerfile: "FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc", count: 1, message: /gcc/ },
    "FROM alpine:3.20\nRUN apk add -t .deps musl-dev=1.2 make",
  ],
  passes: [
    "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0",
    "FROM alpine:3.20\nRUN apk add --no-cache curl~8.9",
    "FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc=13.2.1",
  ],
});

testRule(DL3013, {
  catches: [
    "FROM python:3.11\nRUN pip install flask",
    "FROM python:3.11\nRUN pip install -r req.txt requests",
    "FROM python:3.11\nRUN python3 -m pip install --upgrade pip",
  ],
  passes: [
    "FROM python:3.11\nRUN pip install flask==3.0.3",
    "FROM python:3.11\nRUN pip install -r requirements.txt",
    "FROM python:3.11\nRUN pip install .",
    "FROM python:3.11\nRUN pip install 'django>=4,<5'",
  ],
});

testRule(DL3016, {
  catches: [
    "FROM node:20\nRUN npm install -g typescript",
    "FROM node:20\nRUN npm i express",
    "FROM node:20\nRUN npm install @angular/cli",
  ],
  passes: [
    "FROM node:20\nRUN npm install -g typescript@5.6.3",
    "FROM node:20\nRUN npm install",
    "FROM node:20\nRUN npm install @angular/cli@18.0.0",
    "FROM node:20\nRUN npm ci",
  ],
});

testRule(DL3028, {
  catches: [
    "FROM ruby:3.3\nRUN gem install bundler",
    "FROM ruby:3.3\nRUN gem install rails nokogiri",
    "FROM ruby:3.3\nRUN gem install --no-document bundler",
  ],
  passes: [
    "FROM ruby:3.3\nRUN gem install bundler:2.5.22",
    "FROM ruby:3.3\nRUN gem install bundler -v 2.5.22",
    "FROM ruby:3.3\nRUN gem update --system",
  ],
});

testRule(DL3062, {
  catches: [
    "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest",
    "FROM golang:1.22\nRUN go get github.com/x/y",
    "FROM golang:1.22\nRUN go run github.com/a/b/cmd/c",
  ],
  passes: [
    "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.16.2",
    "FROM golang:1.22\nRUN go install ./cmd/...",
    "FROM golang:1.22\nRUN go build -o /app .",
  ],
});
