import { describe, expect, it } from "vitest";
import { parse } from "../dockerfile/index.js";
import { analyzeApp } from "./stack.js";

function app(files: Record<string, string>) {
  return analyzeApp(
    { paths: Object.keys(files), read: (path) => files[path] },
    parse("FROM golang:1.22\nCOPY . .\nRUN go build -o /server .\n", { file: "Dockerfile" }),
  );
}

describe("Go facts: the standard-library packages the module imports", () => {
  it("reads single and grouped imports with names, blank and dot imports, and skips comments", () => {
    const facts = app({
      "go.mod": "module example.com/shop\n\ngo 1.22\n",
      "main.go": `package main

import "fmt"
import (
\tstdlog "log"
\t_ "net/http/pprof"
\t. "strings"
\t// "os/exec" is not imported
\t/* "crypto/md5" neither */
\t"example.com/shop/internal/cart"
\t"github.com/google/uuid"
)

// #include <stdlib.h>
import "C"
`,
      "internal/cart/cart.go": 'package cart\n\nimport "sync"\n',
    });
    expect(facts.go?.stdImports).toEqual(["fmt", "log", "net/http/pprof", "strings", "sync"]);
    expect(facts.go?.cgo).toBe(true);
  });

  it("leaves out tests, vendored and testdata code, and a module path without a dot", () => {
    const facts = app({
      "go.mod": "module shop\n",
      "main.go": 'package main\n\nimport (\n\t"os"\n\t"shop/internal/cart"\n)\n',
      "main_test.go": 'package main\n\nimport "testing"\n',
      "vendor/github.com/x/y/y.go": 'package y\n\nimport "reflect"\n',
      "testdata/gen.go": 'package gen\n\nimport "go/ast"\n',
    });
    expect(facts.go?.stdImports).toEqual(["os"]);
  });

  it("leaves out files built for other systems, whose imports may not build on Linux", () => {
    const facts = app({
      "go.mod": "module example.com/web\n",
      "main.go": 'package main\n\nimport "net/http"\n',
      "dom_js.go": 'package main\n\nimport "syscall/js"\n',
      "term_windows.go": 'package main\n\nimport "internal/syscall/windows"\n',
      "wasm.go": '//go:build js && wasm\n\npackage main\n\nimport "syscall/js"\n',
      "unix.go": '//go:build linux || darwin\n\npackage main\n\nimport "os/signal"\n',
    });
    expect(facts.go?.stdImports).toEqual(["net/http", "os/signal"]);
  });
});

describe("runtime facts: looking up other hosts", () => {
  it("is set by URLs with a host name, HTTP and database clients, and not by a local server", () => {
    const lookup = (code: string) => app({ "go.mod": "module example.com/x\n", "main.go": code }).runtime.dns;
    expect(lookup('resp, err := http.Get("https://api.example.com/v1")')).toBe(true);
    expect(lookup('db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))')).toBe(true);
    expect(lookup('conn, err := net.Dial("tcp", "cache:6379")')).toBe(true);
    expect(lookup('log.Fatal(http.ListenAndServe(":8080", nil)) // http://localhost:8080/')).toBe(false);
  });
});
