import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3019 } from "./DL3019.js";

testRule(DL3019, {
  catches: [
    { dockerfile: "FROM alpine:3.20\nRUN apk add curl", line: 2 },
    "FROM alpine:3.20\nRUN apk update && apk add --virtual .build-deps gcc",
    "FROM alpine:3.20\nRUN <<EOF\napk add git\nEOF\n",
  ],
  passes: [
    "FROM alpine:3.20\nRUN apk add --no-cache curl",
    "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl",
    "FROM alpine:3.20\nRUN apk del curl",
  ],
  fixes: [["FROM alpine:3.20\nRUN apk add curl\n", "FROM alpine:3.20\nRUN apk add --no-cache curl\n"]],
  onbuild: true,
});
