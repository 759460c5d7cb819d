import type { Dockerfile, Flag, Instruction, Token } from "./model.js";

/** BuildKit's `Node.Dump()` of the whole file: one `(keyword args…)` line per instruction. */
export function dumpBuildkit(dockerfile: Dockerfile): string {
  return dockerfile.instructions.map((instruction) => `(${dumpInstruction(instruction)})`).join("\n");
}

function dumpInstruction(instruction: Instruction): string {
  let text = instruction.keywordToken.value.toLowerCase();
  if (instruction.flags.length > 0) text += ` [${instruction.flags.map((f: Flag) => goQuote(f.raw)).join(" ")}]`;
  if (instruction.keyword === "ONBUILD") {
    if (instruction.trigger) text += ` (${dumpInstruction(instruction.trigger)})`;
    return text.trim();
  }
  for (const arg of instruction.args as Token[]) text += ` ${goQuote(arg.value)}`;
  return text.trim();
}

/** Go's strconv.Quote for a JS string. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += "\\ufffd";
    else if (isPrintable(ch)) out += ch;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += `\\U${code.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isPrintable(ch: string): boolean {
  return ch === " " || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}
