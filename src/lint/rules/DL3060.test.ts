import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3060 } from "./DL3060.js";

testRule(DL3060, {
  catches: [
    "FROM node:20\nRUN yarn install",
    "FROM node:20\nRUN yarn install --frozen-lockfile && yarn build",
    "FROM node:20\nRUN yarn",
  ],
  passes: [
    "FROM node:20\nRUN yarn install && yarn cache clean",
    "FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install",
    "FROM node:20\nRUN yarn build",
  ],
  fixes: [["FROM node:20\nRUN yarn install\n", "FROM node:20\nRUN yarn install && yarn cache clean\n"]],
  onbuild: true,
});
