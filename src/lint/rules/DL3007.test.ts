import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3007 } from "./DL3007.js";

testRule(DL3007, {
  catches: ["FROM debian:latest", "FROM ghcr.io/org/app:latest AS a", "ARG TAG=latest\nFROM node:${TAG}"],
  passes: [
    "FROM debian:bookworm",
    "FROM debian:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "FROM node:20",
  ],
});
