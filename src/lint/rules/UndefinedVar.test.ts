import { testRule } from "../../../test/helpers/rule-tester.js";
import { UndefinedVar } from "./UndefinedVar.js";

testRule(UndefinedVar, {
  catches: [
    "FROM a\nARG VERSION=1\nENV APP_VERSION=$VERSOIN",
    "FROM scratch\nCOPY app $DEST",
    "FROM a\nENV APP_HOME=/app\nWORKDIR $APP_HOEM",
  ],
  passes: [
    "FROM a\nARG VERSION=1\nENV APP_VERSION=$VERSION",
    "FROM a\nENV PATH=$PATH:/x",
    "FROM a\nWORKDIR $JAVA_HOME",
    "FROM scratch\nARG D=/x\nCOPY app $D",
  ],
});
