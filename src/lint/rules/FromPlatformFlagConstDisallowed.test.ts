import { testRule } from "../../../test/helpers/rule-tester.js";
import { FromPlatformFlagConstDisallowed } from "./FromPlatformFlagConstDisallowed.js";

testRule(FromPlatformFlagConstDisallowed, {
  catches: [
    "FROM --platform=linux/amd64 golang:1.22",
    "FROM --platform=linux/arm64 alpine:3.20 AS base",
    "FROM a\nFROM --platform=linux/amd64 b",
  ],
  passes: [
    "FROM --platform=$BUILDPLATFORM golang:1.22",
    "FROM alpine:3.20",
    "FROM --platform=linux/amd64 alpine:3.20 AS build-amd64",
  ],
});
