import { testRule } from "../../../test/helpers/rule-tester.js";
import { virtualBuildDeps } from "./virtual-build-deps.js";

testRule(virtualBuildDeps, {
  catches: [
    "FROM alpine:3.20\nRUN apk add gcc musl-dev && make && apk del gcc musl-dev",
    "FROM alpine:3.20\nRUN apk add --no-cache make && make && apk del make",
    "FROM alpine:3.20\nRUN apk add a b c && x && apk del --purge b",
  ],
  passes: [
    "FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc && make && apk del .build-deps",
    "FROM alpine:3.20\nRUN apk add curl",
    "FROM alpine:3.20\nRUN apk add -t .d gcc && apk del .d",
  ],
  onbuild: true,
});
