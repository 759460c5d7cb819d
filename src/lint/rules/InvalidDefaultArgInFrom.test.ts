import { testRule } from "../../../test/helpers/rule-tester.js";
import { InvalidDefaultArgInFrom } from "./InvalidDefaultArgInFrom.js";

testRule(InvalidDefaultArgInFrom, {
  catches: ["ARG TAG\nFROM python:${TAG}", "ARG IMAGE\nFROM ${IMAGE}", "ARG REPO\nFROM ${REPO}/app:1"],
  passes: ["ARG TAG=3.12\nFROM python:${TAG}", "ARG TAG\nFROM python:${TAG:-3.12}", "FROM python:3.12"],
});
