import { testRule } from "../../../test/helpers/rule-tester.js";
import { devDepsInRuntime } from "./dev-deps-in-runtime.js";

testRule(devDepsInRuntime, {
  catches: [
    "FROM node:20-slim\nRUN npm ci",
    "FROM node:20-slim\nRUN yarn install --frozen-lockfile",
    "FROM python:3.12\nRUN pip install -r requirements-dev.txt",
  ],
  passes: [
    "FROM node:20-slim\nRUN npm ci --omit=dev",
    "FROM node:20 AS build\nRUN npm ci\nFROM node:20-slim\nRUN npm ci --omit=dev",
    "FROM node:20\nRUN npm ci && npm run build",
    "FROM node:20-slim\nRUN yarn install --production",
  ],
  onbuild: true,
});
