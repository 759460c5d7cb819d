import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3064 } from "./DL3064.js";

testRule(DL3064, {
  catches: ["FROM a\nARG GITHUB_TOKEN", "FROM a\nENV DB_PASSWORD=x", "FROM a\nARG AWS_SECRET_ACCESS_KEY"],
  passes: [
    "FROM a\nARG VERSION",
    "FROM a\nENV PUBLIC_KEY=x",
    "FROM a\nARG PASSWORD_FILE=/run/secrets/pw",
    "FROM a\nENV TOKENIZER=bpe",
  ],
});
