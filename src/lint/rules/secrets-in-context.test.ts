import { testRule } from "../../../test/helpers/rule-tester.js";
import { secretsInContext } from "./secrets-in-context.js";

testRule(secretsInContext, {
  catches: [
    { dockerfile: "FROM a\nCOPY . .", context: { paths: [".env"] } },
    { dockerfile: "FROM a\nCOPY . /app", context: { paths: ["keys/server.key"], dockerignore: "*.md\n" } },
    { dockerfile: "FROM a\nCOPY ./ /app", context: { paths: [".npmrc", "id_rsa"] } },
  ],
  passes: [
    { dockerfile: "FROM a\nCOPY . .", context: { paths: [".env"], dockerignore: ".env\n" } },
    { dockerfile: "FROM a\nCOPY src /src", context: { paths: [".env"] } },
    { dockerfile: "FROM a\nCOPY . .", context: { paths: ["app.py", "environment.py"] } },
  ],
});
