import { testRule } from "../../../test/helpers/rule-tester.js";
import { rootUser } from "./root-user.js";

testRule(rootUser, {
  catches: [
    'FROM python:3.12-slim\nCMD ["python", "app.py"]',
    "FROM node:20-alpine\nRUN npm ci",
    "FROM a AS base\nUSER app\nFROM debian:bookworm",
  ],
  passes: [
    "FROM python:3.12-slim\nUSER 10001",
    "FROM gcr.io/distroless/static-debian12:nonroot",
    "FROM a AS base\nUSER app\nFROM base",
    "FROM scratch\nCOPY app /app",
  ],
});
