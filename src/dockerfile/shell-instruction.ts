/**
 * The script a RUN, CMD or ENTRYPOINT hands the shell, as BuildKit builds it: the logical line, a
 * heredoc body that is the whole script, or the line followed by the heredoc bodies.
 */
import type { RawInstruction } from "./instructions.js";
import type { Instruction, ShellScript } from "./model.js";
import { parseScript } from "./shell.js";
import { LogicalLine, sliceLogical } from "./text.js";

/** The shell model of a RUN, CMD or ENTRYPOINT, or undefined for exec form. */
export function parseShellForInstruction(instruction: Instruction, raw: RawInstruction): ShellScript | undefined {
  if (instruction.keyword !== "RUN" && instruction.keyword !== "CMD" && instruction.keyword !== "ENTRYPOINT")
    return undefined;
  if (raw.json || !instruction.command) return undefined;
  const line = sliceLogical(raw.logical, raw.argsStart, raw.argsStart + raw.argsText.length);
  if (raw.heredocs.length === 0) return parseScript(line);
  const [first] = raw.heredocs;
  const onlyHeredoc =
    raw.heredocs.length === 1 &&
    raw.argsText.trim() ===
      raw.logical.text.slice(
        logicalIndex(raw.logical, first.range.start.offset),
        logicalIndex(raw.logical, first.range.end.offset - 1) + 1,
      );
  if (onlyHeredoc) {
    // `RUN <<EOF`: the body is the script; a `#!` body runs under another interpreter.
    const body = new LogicalLine(raw.logical.source);
    body.append(first.contentRange.start.offset, chompIfNeeded(first.content, first.chomp));
    const script = parseScript(body);
    if (first.content.startsWith("#!") && !/^#!\s*\/(usr\/)?bin\/(env\s+)?(ba|da|a)?sh\b/.test(first.content)) {
      script.isPosix = false;
    }
    return script;
  }
  // `RUN cat <<EOF > f`: BuildKit hands the shell the line followed by the bodies and terminators.
  const whole = sliceLogical(raw.logical, raw.argsStart, raw.argsStart + raw.argsText.length);
  for (const heredoc of raw.heredocs) {
    whole.append(heredoc.contentRange.start.offset - 1, "\n");
    whole.append(heredoc.contentRange.start.offset, heredoc.content);
    whole.append(heredoc.terminatorRange.start.offset, heredoc.name);
  }
  const script = parseScript(whole);
  if (!script.hasError) return script;
  // The grammar misreads some heredoc lines (`cat <<'EOF'; echo`): read the line with the heredoc words blanked.
  const blanked = sliceLogical(raw.logical, raw.argsStart, raw.argsStart + raw.argsText.length);
  let text = blanked.text;
  for (const heredoc of raw.heredocs) {
    const start = logicalIndex(raw.logical, heredoc.range.start.offset) - raw.argsStart;
    const end = logicalIndex(raw.logical, heredoc.range.end.offset - 1) + 1 - raw.argsStart;
    if (start >= 0 && end <= text.length) text = text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
  }
  blanked.text = text;
  return parseScript(blanked);
}

function chompIfNeeded(content: string, chomp: boolean): string {
  return chomp ? content.replace(/^\t+/gm, "") : content;
}

function logicalIndex(line: LogicalLine, physical: number): number {
  for (const segment of line.segments) {
    if (physical >= segment.physical && physical < segment.physical + segment.length) {
      return segment.logical + (physical - segment.physical);
    }
  }
  return line.text.length;
}
