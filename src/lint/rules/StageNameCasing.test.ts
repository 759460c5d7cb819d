import { testRule } from "../../../test/helpers/rule-tester.js";
import { StageNameCasing } from "./StageNameCasing.js";

testRule(StageNameCasing, {
  catches: ["FROM a AS Build", "FROM a AS BUILD", "FROM a AS base\nFROM b AS Runtime"],
  passes: ["FROM a AS build", "FROM a", "FROM a AS build-1.x"],
  fixes: [["FROM a AS Build\n", "FROM a AS build\n"]],
});
