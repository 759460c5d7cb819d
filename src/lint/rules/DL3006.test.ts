import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3006 } from "./DL3006.js";

testRule(DL3006, {
  catches: [
    { dockerfile: "FROM debian", line: 1, column: 6 },
    "FROM debian AS build\nFROM build\nFROM ubuntu",
    "ARG BASE=python\nFROM ${BASE}",
  ],
  passes: [
    "FROM debian:bookworm",
    "FROM scratch",
    "FROM golang:1.22 AS build\nFROM build",
    "ARG BASE=python:3.12\nFROM ${BASE}",
    "FROM debian@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  ],
});
