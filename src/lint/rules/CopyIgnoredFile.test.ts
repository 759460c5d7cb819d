import { testRule } from "../../../test/helpers/rule-tester.js";
import { CopyIgnoredFile } from "./CopyIgnoredFile.js";

testRule(CopyIgnoredFile, {
  catches: [
    { dockerfile: "FROM a\nCOPY README.md /app/", context: { dockerignore: "*.md\n" } },
    { dockerfile: "FROM a\nCOPY .env /app/", context: { dockerignore: ".env*\n" } },
    { dockerfile: "FROM a\nCOPY build/out /app/", context: { dockerignore: "build\n" } },
  ],
  passes: [
    { dockerfile: "FROM a\nCOPY README.md /app/", context: { dockerignore: "*.md\n!README.md\n" } },
    { dockerfile: "FROM a\nCOPY src /app/", context: { dockerignore: "*.md\n" } },
    { dockerfile: "FROM a\nCOPY --from=build README.md /app/", context: { dockerignore: "*.md\n" } },
    "FROM a\nCOPY README.md /app/",
  ],
});
