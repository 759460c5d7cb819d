import { testRule } from "../../../test/helpers/rule-tester.js";
import { dockerignoreMissing } from "./dockerignore-missing.js";

testRule(dockerignoreMissing, {
  catches: [
    { dockerfile: "FROM a\nCOPY . .", context: { paths: ["app.py"] } },
    { dockerfile: "FROM a\nCOPY src /src", context: { paths: [".git/", "src/"] }, message: ".git" },
    { dockerfile: "FROM a\nADD . /app", context: { paths: [] } },
  ],
  passes: [
    { dockerfile: "FROM a\nCOPY . .", context: { paths: ["app.py"], dockerignore: ".git\n" } },
    { dockerfile: "FROM a\nRUN echo", context: { paths: [] } },
    "FROM a\nCOPY . .",
  ],
});
