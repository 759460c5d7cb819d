/** One .dockerignore line, compiled. */
interface Pattern {
  exclusion: boolean;
  regex: RegExp;
  text: string;
  line: number;
}

/** Cleans a path the way Go's filepath.Clean does for the cases that matter here. */
export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

function toRegex(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        i++;
        if (pattern[i + 1] === "/") {
          i++;
          source += "(?:.*/)?";
        } else {
          source += ".*";
        }
      } else {
        source += "[^/]*";
      }
    } else if (ch === "?") {
      source += "[^/]";
    } else if (ch === "\\" && i + 1 < pattern.length) {
      source += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    } else if (ch === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close === -1) source += "\\[";
      else {
        source += `[${pattern.slice(i + 1, close).replace(/^!/, "^")}]`;
        i = close;
      }
    } else {
      source += ch.replace(/[.+^${}()|\\]/g, "\\$&");
    }
  }
  // A pattern also matches everything below a folder it matches.
  return new RegExp(`^${source}(?:/.*)?$`);
}

/** A .dockerignore as BuildKit reads it: comments, `!` exceptions, `**`, last match wins. */
export class DockerIgnore {
  readonly patterns: Pattern[] = [];

  constructor(text: string) {
    text.split(/\r?\n/).forEach((raw, index) => {
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) return;
      const exclusion = line.startsWith("!");
      const body = cleanPath(exclusion ? line.slice(1).trim() : line);
      if (body === "") return;
      this.patterns.push({ exclusion, regex: toRegex(body), text: line, line: index + 1 });
    });
  }

  /** True when `path` (relative to the context) is left out of the build context. */
  ignores(path: string): boolean {
    const clean = cleanPath(path);
    let ignored = false;
    for (const pattern of this.patterns) {
      if (pattern.regex.test(clean)) ignored = !pattern.exclusion;
    }
    return ignored;
  }

  /** The pattern that decides `path`, for messages. */
  matching(path: string): Pattern | undefined {
    const clean = cleanPath(path);
    let found: Pattern | undefined;
    for (const pattern of this.patterns) if (pattern.regex.test(clean)) found = pattern;
    return found && !found.exclusion ? found : undefined;
  }
}
