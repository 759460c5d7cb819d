import { testRule } from "../../../test/helpers/rule-tester.js";
import { secretsInLayers } from "./secrets-in-layers.js";

testRule(secretsInLayers, {
  catches: [
    "FROM a\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
    'FROM a\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc && npm ci',
    "FROM a\nCOPY id_rsa /root/.ssh/id_rsa",
    "FROM a\nRUN git clone https://user:pass@example.com/repo.git",
  ],
  passes: [
    "FROM a\nCOPY .env.example /app/.env",
    "FROM a\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
    "FROM a\nENV NODE_ENV=production",
    "FROM a\nCOPY app.py /app/",
    "FROM a\nRUN git clone https://example.com/repo.git",
  ],
  onbuild: true,
});
