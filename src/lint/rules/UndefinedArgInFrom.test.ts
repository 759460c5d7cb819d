import { testRule } from "../../../test/helpers/rule-tester.js";
import { UndefinedArgInFrom } from "./UndefinedArgInFrom.js";

testRule(UndefinedArgInFrom, {
  catches: ["FROM node:${NODE_VERSION}", "FROM a\nARG V=1\nFROM b:$V", "FROM --platform=$PLATFORM a"],
  passes: ["ARG V=1\nFROM b:$V", "FROM --platform=$BUILDPLATFORM a", "ARG V\nFROM b:${V:-1}"],
});
