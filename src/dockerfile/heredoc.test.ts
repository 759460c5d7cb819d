import { describe, expect, it } from "vitest";
import type { Heredoc, RunInstruction } from "./model.js";
import { parse } from "./parse.js";

const heredocsOf = (text: string, index = 1) =>
  parse(text).instructions[index].heredocs.map(({ name, content, fileDescriptor, expand, chomp }) => ({
    name,
    content,
    fileDescriptor,
    expand,
    chomp,
  }));

const doc = (name: string, content: string, extra: Partial<Heredoc> = {}) => ({
  name,
  content,
  fileDescriptor: 0,
  expand: true,
  chomp: false,
  ...extra,
});

// Behaviour of BuildKit's heredoc reader (buildkit-behaviour.md §1.5), one case per rule.
describe("heredocs", () => {
  it.each([
    ["an empty body", "FROM a\nRUN <<EMPTY\nEMPTY\n", [doc("EMPTY", "")]],
    ["a file descriptor", "FROM a\nRUN 3<<EMPTY2\nEMPTY2\n", [doc("EMPTY2", "", { fileDescriptor: 3 })]],
    ["tabs kept without chomp", "FROM a\nRUN <<INDENT\n\tfoo\n\tbar\nINDENT\n", [doc("INDENT", "\tfoo\n\tbar\n")]],
    ["<<- stores the body unchomped", "FROM a\nRUN <<-UN\n\tbaz\nUN\n", [doc("UN", "\tbaz\n", { chomp: true })]],
    [
      "<<- accepts a tab-indented terminator",
      "FROM a\nRUN <<-UN2\n\tbaz\n\tUN2\n",
      [doc("UN2", "\tbaz\n", { chomp: true })],
    ],
    [
      "single quotes turn expansion off",
      "FROM a\nRUN <<-'NOEXPAND'\n\t$NAME\nNOEXPAND\n",
      [doc("NOEXPAND", "\t$NAME\n", { chomp: true, expand: false })],
    ],
    ["double quotes turn expansion off", 'FROM a\nRUN <<"E"\nx\nE\n', [doc("E", "x\n", { expand: false })]],
    [
      "comments inside the body are content",
      "FROM a\nRUN <<C\n# internal\necho hi # trailing\nC\n",
      [doc("C", "# internal\necho hi # trailing\n")],
    ],
    ["a heredoc after a mount flag", "FROM a\nRUN --mount=type=cache,target=/x <<M\necho\nM\n", [doc("M", "echo\n")]],
    [
      "two heredocs read in order",
      "FROM a\nCOPY <<F1 <<F2 /dest\none\nF1\ntwo\nF2\n",
      [doc("F1", "one\n"), doc("F2", "two\n")],
    ],
    [
      "a body may hold the other's name",
      "FROM a\nCOPY <<X <<Y /dest\nY\nX\nX\nY\n",
      [doc("X", "Y\n"), doc("Y", "X\n")],
    ],
    ["a program after the heredoc", "FROM a\nRUN <<PY python3\nprint(1)\nPY\n", [doc("PY", "print(1)\n")]],
    ["a dotted name", "FROM a\nCOPY <<file.txt /dest\nhello\nfile.txt\n", [doc("file.txt", "hello\n")]],
    ["a partly quoted name", "FROM a\nRUN <<eo'f'\necho\neof\n", [doc("eof", "echo\n", { expand: false })]],
    ["an escaped quote in the name", "FROM a\nRUN <<eo\\'f\necho\neo'f\n", [doc("eo'f", "echo\n")]],
    [
      "a quoted name with a space",
      "FROM a\nRUN <<'one two'\necho\none two\n",
      [doc("one two", "echo\n", { expand: false })],
    ],
    ["a name starting with $", "FROM a\nRUN <<$EOF\n$EOF\n", [doc("$EOF", "")]],
    ["spaces after <<", "FROM a\nRUN <<  EOF\nEOF\n", [doc("EOF", "")]],
    ["spaces after << and a redirect", "FROM a\nRUN <<  EOF  > foo\nEOF\n", [doc("EOF", "")]],
    ["<< -EOF names -EOF", "FROM a\nRUN << -EOF\n-EOF\n", [doc("-EOF", "")]],
    ["CRLF line endings", "FROM a\r\nRUN <<EOF\r\necho\r\nEOF\r\n", [doc("EOF", "echo\r\n")]],
  ])("%s", (_name, text, expected) => {
    expect(heredocsOf(text)).toEqual(expected);
  });

  it.each([
    ["USER is not a heredoc instruction", "FROM a\nUSER <<INVALID\n"],
    ["a quoted word", 'FROM a\nRUN "<<NOHEREDOC"\n'],
    ["single-quoted word", "FROM a\nRUN '<<EOF'\n"],
    ["exec form", 'FROM a\nRUN ["<<EOF"]\n'],
    ["exec form, quoted", "FROM a\nRUN [\"<<'EOF'\"]\n"],
    ["<<<", "FROM a\nRUN cat <<<EOF\n"],
    ["<< alone", "FROM a\nRUN cat <<\n"],
    ["<<- alone", "FROM a\nRUN cat <<-\n"],
    ["a single <", "FROM a\nRUN cat <EOF\n"],
    ["CMD", "FROM a\nCMD cat <<EOF\n"],
  ])("%s is not a heredoc", (_name, text) => {
    const dockerfile = parse(text);
    expect(dockerfile.instructions[1].heredocs).toEqual([]);
    expect(dockerfile.diagnostics.filter((d) => d.code === "parse-error")).toEqual([]);
  });

  it.each([
    ["unterminated", "FROM a\nRUN <<EOF\necho\n", "unterminated heredoc"],
    ["unbalanced single quote", "FROM a\nRUN <<'EOF\nEOF\n", "single-quote"],
    ["unbalanced double quote", 'FROM a\nRUN <<"EOF\nEOF\n', "double-quote"],
    ["unbalanced quote after", "FROM a\nRUN <<EOF'\nEOF\n", "single-quote"],
  ])("%s is an error", (_name, text, message) => {
    const errors = parse(text).diagnostics.filter((d) => d.severity === "error");
    expect(errors[0]?.message).toContain(message);
    expect(errors[0]?.range.start.line).toBe(2);
  });

  it("rejects a heredoc as the COPY destination", () => {
    const errors = parse("FROM a\nCOPY foo <<EOF\nx\nEOF\n").diagnostics;
    expect(errors.map((d) => d.message)).toContain("COPY cannot accept a heredoc as a destination");
  });

  it("an ONBUILD trigger can carry heredocs", () => {
    expect(heredocsOf("FROM a\nONBUILD RUN <<EOF\necho\nEOF\n")).toEqual([doc("EOF", "echo\n")]);
  });

  it("counts body lines in the instruction's line span and ranges", () => {
    const dockerfile = parse("FROM a\nRUN <<EOF\nline1\nline2\nEOF\nUSER x\n");
    const run = dockerfile.instructions[1];
    expect([run.startLine, run.endLine]).toEqual([2, 5]);
    const [heredoc] = run.heredocs;
    expect(heredoc.range.start).toMatchObject({ line: 2, column: 5 });
    expect(heredoc.contentRange.start).toMatchObject({ line: 3, column: 1 });
    expect(heredoc.terminatorRange.start).toMatchObject({ line: 5, column: 1 });
    expect(dockerfile.instructions[2].startLine).toBe(6);
  });

  it("parses a RUN heredoc body as the shell script", () => {
    const run = parse("FROM a\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n")
      .instructions[1] as RunInstruction;
    expect(run.shell?.commands.map((c) => c.name?.value)).toEqual(["set", "apt-get", "apt-get"]);
    expect(run.shell?.commands[2].range.start).toMatchObject({ line: 5, column: 1 });
    expect(run.shell?.setOptions).toEqual(["e"]);
  });

  it("marks a #! heredoc as another interpreter", () => {
    const run = parse("FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n").instructions[1] as RunInstruction;
    expect(run.shell?.isPosix).toBe(false);
  });

  it("gives the shell the line, bodies and terminators for `cat <<EOF > f`", () => {
    const run = parse("FROM a\nRUN cat <<EOF > /etc/x && chmod 600 /etc/x\nhello\nEOF\n")
      .instructions[1] as RunInstruction;
    expect(run.shell?.commands.map((c) => c.name?.value)).toEqual(["cat", "chmod"]);
    expect(run.shell?.commands[0].next).toBe("&&");
  });

  it("reads the command line when the grammar misreads `cat <<'EOF' 2>&1 | tail`", () => {
    const run = parse("FROM a\nRUN cat <<'EOF' 2>&1 | tail -5\nhello\nEOF\n").instructions[1] as RunInstruction;
    expect(run.shell?.commands.map((c) => c.name?.value)).toEqual(["cat", "tail"]);
    expect(run.shell?.commands[0].next).toBe("|");
  });

  it("takes `;` into the delimiter word, as BuildKit's lexer does", () => {
    const errors = parse("FROM a\nRUN cat <<'EOF'; echo done\nhello\nEOF\n").diagnostics;
    expect(errors.map((d) => d.message)).toEqual(["unterminated heredoc"]);
  });
});
