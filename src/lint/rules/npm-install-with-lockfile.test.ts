import { testRule } from "../../../test/helpers/rule-tester.js";
import { npmInstallWithLockfile } from "./npm-install-with-lockfile.js";

testRule(npmInstallWithLockfile, {
  catches: [
    "FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm install",
    { dockerfile: "FROM node:20\nCOPY . .\nRUN npm i", context: { paths: ["package-lock.json"] } },
    "FROM node:20\nCOPY package*.json ./\nRUN npm install && npm run build",
  ],
  passes: [
    "FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci",
    "FROM node:20\nCOPY package.json ./\nRUN npm install",
    "FROM node:20\nCOPY package-lock.json ./\nRUN npm install -g serve",
  ],
  fixes: [
    [
      "FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm install\n",
      "FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci\n",
    ],
  ],
});
