import { testRule } from "../../../test/helpers/rule-tester.js";
import { preferSmallerBase } from "./prefer-smaller-base.js";

testRule(preferSmallerBase, {
  catches: [
    { dockerfile: 'FROM python:3.11\nCMD ["python", "app.py"]', message: "python:3.11-slim" },
    "FROM node:20\nCMD node x",
    "FROM python:3.11-bookworm",
    "FROM golang:1.22 AS build\nFROM node:20-slim",
  ],
  passes: [
    "FROM python:3.11-alpine",
    "FROM golang:1.22",
    "FROM node:20 AS build\nFROM nginx:1.27",
    "FROM alpine:3.20",
    "FROM ubuntu:22.04",
  ],
});

import { describe, expect, it } from "vitest";
import { findingsOf } from "../../../test/helpers/rule-tester.js";

describe("prefer-smaller-base names real tags", () => {
  it.each([
    ["FROM debian:bookworm", "debian:bookworm-slim"],
    ["FROM python:3.11-bookworm", "python:3.11-slim-bookworm"],
    ["FROM python:3.11", "python:3.11-slim"],
    ["FROM node:20", "node:20-alpine"],
  ])("%s → %s", (text, tag) => {
    expect(findingsOf(preferSmallerBase, text)[0].message).toContain(tag);
  });
});
