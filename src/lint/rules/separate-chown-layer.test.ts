import { testRule } from "../../../test/helpers/rule-tester.js";
import { separateChownLayer } from "./separate-chown-layer.js";

testRule(separateChownLayer, {
  catches: [
    "FROM a\nCOPY . /app\nRUN chown -R app:app /app",
    "FROM a\nCOPY entrypoint.sh /entrypoint.sh\nRUN chmod +x /entrypoint.sh",
    "FROM a\nCOPY src /app/src\nRUN chown -R 1000 /app",
  ],
  passes: [
    "FROM a\nCOPY --chown=app:app . /app",
    "FROM a\nRUN mkdir /data && chown app /data",
    "FROM a\nCOPY . /app\nRUN chown app /var/log/app",
    // Without -R only the folder's own entry changes, not the copied files.
    "FROM a\nCOPY . /app\nRUN chown 10001:10001 /app",
    "FROM a\nWORKDIR /app\nCOPY --from=build /app /app\nRUN chown 10001:10001 /app",
  ],
});
