import { testRule } from "../../../test/helpers/rule-tester.js";
import { dockerignoreGaps } from "./dockerignore-gaps.js";

testRule(dockerignoreGaps, {
  catches: [
    { dockerfile: "FROM a\nCOPY . .", context: { paths: [".git/", "app.py"], dockerignore: "*.md\n" } },
    { dockerfile: "FROM a\nCOPY . .", context: { paths: ["node_modules/"], dockerignore: ".git\n" } },
    { dockerfile: "FROM a\nCOPY . .", context: { paths: [".env"], dockerignore: "node_modules\n" } },
  ],
  passes: [
    {
      dockerfile: "FROM a\nCOPY . .",
      context: { paths: [".git/", "node_modules/", ".env"], dockerignore: ".git\nnode_modules\n.env*\n" },
    },
    { dockerfile: "FROM a\nCOPY . .", context: { paths: ["app.py"], dockerignore: "*.md\n" } },
    { dockerfile: "FROM a\nRUN x", context: { paths: [".git/"], dockerignore: "*.md\n" } },
  ],
});
