import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL4006 } from "./DL4006.js";

testRule(DL4006, {
  catches: [
    { dockerfile: "FROM debian\nRUN wget -O - https://x | wc -l > /n", line: 2, column: 5 },
    'FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN curl -fsSL https://x | tar xz',
    'FROM debian AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian\nRUN a | b',
    "FROM debian\nRUN a | b; set -o pipefail",
  ],
  passes: [
    'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://x | wc -l',
    'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN wget -O - https://x | wc -l',
    'FROM alpine:3.20\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN a | b',
    'FROM debian AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN a | b',
    "FROM debian\nRUN set -o pipefail && a | b",
    'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN a | b',
    "FROM debian\nRUN a || b && c",
  ],
  fixes: [
    [
      "FROM alpine:3.20\nRUN wget -O - https://x | wc -l\n",
      'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN wget -O - https://x | wc -l\n',
    ],
  ],
  onbuild: true,
});
