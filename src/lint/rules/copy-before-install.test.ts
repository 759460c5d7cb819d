import { testRule } from "../../../test/helpers/rule-tester.js";
import { copyBeforeInstall } from "./copy-before-install.js";

testRule(copyBeforeInstall, {
  catches: [
    "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci",
    "FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt",
    "FROM golang:1.22\nCOPY . .\nRUN go mod download && go build",
  ],
  passes: [
    "FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .",
    "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .",
    "FROM node:20\nCOPY . .\nRUN node build.js",
  ],
});
