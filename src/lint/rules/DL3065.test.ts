import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3065 } from "./DL3065.js";

testRule(DL3065, {
  catches: [
    "FROM --platform=$TARGETPLATFORM alpine:3.20",
    "FROM --platform=${TARGETPLATFORM} alpine:3.20 AS a",
    "FROM a\nFROM --platform=$TARGETPLATFORM b",
  ],
  passes: ["FROM --platform=$BUILDPLATFORM golang:1.22", "FROM alpine:3.20", "FROM --platform=linux/amd64 alpine:3.20"],
  fixes: [["FROM --platform=$TARGETPLATFORM alpine:3.20\n", "FROM alpine:3.20\n"]],
});
