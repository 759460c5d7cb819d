import { testRule } from "../../../test/helpers/rule-tester.js";
import { goNotStatic } from "./go-not-static.js";

testRule(goNotStatic, {
  catches: [
    "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app",
    "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app",
    "FROM golang:1.22 AS b\nRUN go build ./...\nFROM alpine:3.20",
    "FROM golang:1.22 AS b\nRUN go build std ./cmd/app\nFROM scratch",
    // -o links: the output is a program, not the build cache.
    "FROM golang:1.22 AS b\nRUN go build -o /tool golang.org/x/tools/cmd/stringer\nFROM scratch",
  ],
  passes: [
    'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /app .\nFROM scratch\nCOPY --from=build /app /app',
    "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM debian:bookworm-slim",
    'FROM golang:1.22 AS build\nENV CGO_ENABLED=0\nRUN go build -trimpath -ldflags="-s -w" -o /app\nFROM scratch',
    // Compiling the standard library into the build cache links nothing.
    'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -trimpath std\nRUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /app .\nFROM scratch',
    'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -trimpath encoding/json net/http os\nRUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /app .\nFROM scratch',
  ],
});
