import { testRule } from "../../../test/helpers/rule-tester.js";
import { nodeNeedsInit } from "./node-needs-init.js";

testRule(nodeNeedsInit, {
  catches: [
    'FROM node:20\nCMD ["node", "server.js"]',
    "FROM node:20\nCMD npm start",
    'FROM node:20\nENTRYPOINT ["node"]\nCMD ["server.js"]',
  ],
  passes: [
    'FROM node:20\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["node", "server.js"]',
    'FROM python:3.12\nCMD ["python", "app.py"]',
    'FROM node:20\nENTRYPOINT ["dumb-init", "--"]\nCMD ["node", "x"]',
  ],
});
