import { testRule } from "../../../test/helpers/rule-tester.js";
import { scratchNeedsCertsTz } from "./scratch-needs-certs-tz.js";

testRule(scratchNeedsCertsTz, {
  catches: [
    "FROM golang:1.22 AS b\nFROM scratch\nCOPY --from=b /app /app",
    "FROM scratch\nCOPY --from=b /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=b /app /app",
    "FROM scratch\nADD rootfs.tar /",
  ],
  passes: [
    "FROM scratch\nCOPY --from=b /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=b /usr/share/zoneinfo /usr/share/zoneinfo",
    "FROM alpine:3.20",
    "FROM gcr.io/distroless/static-debian12",
  ],
});
