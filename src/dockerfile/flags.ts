import type { Diagnostic, Flag, Mount, MountOption, MountType, Range } from "./model.js";

export type FlagKind = "string" | "bool" | "list";

export interface FlagSpec {
  kind: FlagKind;
  /** Allowed values for a string flag. */
  values?: readonly string[];
}

/** Every flag BuildKit knows, per instruction. ARG, STOPSIGNAL and `HEALTHCHECK NONE` never check theirs. */
export const FLAG_SPECS: Record<string, Record<string, FlagSpec>> = {
  from: { platform: { kind: "string" } },
  run: {
    mount: { kind: "list" },
    network: { kind: "string", values: ["default", "none", "host"] },
    security: { kind: "string", values: ["sandbox", "insecure"] },
    device: { kind: "list" },
  },
  copy: {
    from: { kind: "string" },
    chown: { kind: "string" },
    chmod: { kind: "string" },
    link: { kind: "bool" },
    parents: { kind: "bool" },
    exclude: { kind: "list" },
  },
  add: {
    chown: { kind: "string" },
    chmod: { kind: "string" },
    link: { kind: "bool" },
    "keep-git-dir": { kind: "bool" },
    checksum: { kind: "string" },
    unpack: { kind: "bool" },
    exclude: { kind: "list" },
  },
  healthcheck: {
    interval: { kind: "string" },
    timeout: { kind: "string" },
    "start-period": { kind: "string" },
    "start-interval": { kind: "string" },
    retries: { kind: "string" },
  },
};

/** Go's strconv.ParseBool. */
export function parseGoBool(text: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(text)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(text)) return false;
  return undefined;
}

/** Checks flags as BuildKit's BFlags does: unknown, duplicate, missing or bad values. */
export function checkFlags(keyword: string, flags: Flag[], diagnostics: Diagnostic[]): void {
  const specs = FLAG_SPECS[keyword] ?? {};
  const seen = new Set<string>();
  for (const flag of flags) {
    const spec = specs[flag.name];
    const report = (message: string, range = flag.range) =>
      diagnostics.push({ severity: "error", code: "invalid-flag", message, range });
    if (!spec) {
      const hint = suggest(flag.name, Object.keys(specs));
      report(`unknown flag: --${flag.name}${hint ? ` (did you mean --${hint}?)` : ""}`, flag.nameRange);
      continue;
    }
    if (seen.has(flag.name) && spec.kind !== "list") {
      report(`duplicate flag specified: ${flag.name}`);
      continue;
    }
    seen.add(flag.name);
    if (spec.kind === "bool") {
      if (flag.value !== undefined && parseGoBool(flag.value.toLowerCase()) === undefined) {
        report(`expecting boolean value for flag ${flag.name}, not: ${flag.value}`, flag.valueRange);
      }
      continue;
    }
    if (flag.value === undefined) {
      report(`missing a value on flag: ${flag.name}`);
      continue;
    }
    if (spec.values && !spec.values.includes(flag.value)) {
      report(
        `unsupported ${flag.name} value "${flag.value}", expected one of: ${spec.values.join(", ")}`,
        flag.valueRange,
      );
    }
  }
}

export function boolFlag(flags: Flag[], name: string): boolean | undefined {
  const flag = flags.find((f) => f.name === name);
  if (!flag) return undefined;
  return flag.value === undefined ? true : (parseGoBool(flag.value.toLowerCase()) ?? false);
}

/** The closest known name within two edits, for "did you mean" hints. */
export function suggest(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

const MOUNT_TYPES: readonly MountType[] = ["bind", "cache", "tmpfs", "secret", "ssh"];
const MOUNT_KEYS = [
  "type",
  "from",
  "source",
  "src",
  "target",
  "dst",
  "destination",
  "readonly",
  "ro",
  "readwrite",
  "rw",
  "required",
  "id",
  "sharing",
  "size",
  "mode",
  "uid",
  "gid",
  "env",
];

interface CsvField {
  text: string;
  start: number;
  end: number;
}

/** Splits one CSV record, honouring double quotes, and keeps each field's span in `value`. */
export function splitCsv(value: string): CsvField[] {
  const fields: CsvField[] = [];
  let i = 0;
  while (i <= value.length) {
    const start = i;
    let text = "";
    if (value[i] === '"') {
      i++;
      for (;;) {
        if (i >= value.length) break;
        if (value[i] === '"') {
          if (value[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += value[i++];
      }
      while (i < value.length && value[i] !== ",") text += value[i++];
    } else {
      while (i < value.length && value[i] !== ",") text += value[i++];
    }
    fields.push({ text, start, end: i });
    i++;
  }
  return fields;
}

/** RAM sizes as Docker's units.RAMInBytes reads them: 64m, 1g, 512k, plain bytes. */
export function parseRamSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b)?$/i.exec(text.trim());
  if (!match) return undefined;
  const power = "bkmgtp".indexOf((match[2] || "b").toLowerCase());
  return Math.floor(Number(match[1]) * 1024 ** power);
}

/**
 * Reads a `--mount` value as BuildKit does: CSV fields, keys case-insensitive, default type bind.
 * `rangeOf(start, end)` maps spans of the flag value to source ranges.
 */
export function parseMount(
  value: string,
  flagRange: Range,
  rangeOf: (start: number, end: number) => Range,
  diagnostics: Diagnostic[],
): Mount {
  const options: MountOption[] = [];
  const mount: Mount = { type: "bind", options, range: flagRange };
  const report = (message: string, range: Range) =>
    diagnostics.push({ severity: "error", code: "invalid-mount", message, range });
  const fields = splitCsv(value).filter((field) => field.text !== "" || field.end > field.start);
  for (const field of fields) {
    const equals = field.text.indexOf("=");
    const key = (equals === -1 ? field.text : field.text.slice(0, equals)).toLowerCase();
    const optionValue = equals === -1 ? undefined : field.text.slice(equals + 1);
    const range = rangeOf(field.start, field.end);
    const valueStart = field.start + (value[field.start] === '"' ? 1 : 0) + equals + 1;
    const valueRange = optionValue === undefined ? undefined : rangeOf(valueStart, valueStart + optionValue.length);
    options.push({ key, value: optionValue, range, valueRange });
    if (!MOUNT_KEYS.includes(key)) {
      const hint = suggest(key, MOUNT_KEYS);
      report(`unexpected key '${key}' in '${field.text}'${hint ? ` (did you mean ${hint}?)` : ""}`, range);
      continue;
    }
    const bare = ["readonly", "ro", "readwrite", "rw", "required"];
    if (optionValue === undefined && !bare.includes(key)) {
      report(`invalid field '${field.text}' must be a key=value pair`, range);
      continue;
    }
    applyMountOption(mount, key, optionValue, range, report);
  }
  validateMount(mount, report);
  return mount;
}

function applyMountOption(
  mount: Mount,
  key: string,
  value: string | undefined,
  range: Range,
  report: (message: string, range: Range) => void,
): void {
  const bool = () => {
    const parsed = value === undefined ? true : parseGoBool(value);
    if (parsed === undefined) report(`invalid value for ${key}: ${value}`, range);
    return parsed ?? false;
  };
  const integer = (radix: number) => {
    const parsed = Number.parseInt(value ?? "", radix);
    if (Number.isNaN(parsed) || !new RegExp(radix === 8 ? "^[0-7]+$" : "^\\d+$").test(value ?? "")) {
      report(`invalid value for ${key}: ${value}`, range);
      return undefined;
    }
    return parsed;
  };
  switch (key) {
    case "type":
      if (!MOUNT_TYPES.includes(value as MountType)) report(`unsupported mount type "${value}"`, range);
      else mount.type = value as MountType;
      return;
    case "from":
      if (value?.includes("$")) report("'from' doesn't support variable expansion, define alias stage instead", range);
      mount.from = value;
      return;
    case "source":
    case "src":
      mount.source = value;
      return;
    case "target":
    case "dst":
    case "destination":
      mount.target = value;
      return;
    case "readonly":
    case "ro":
      mount.readonly = bool();
      return;
    case "readwrite":
    case "rw":
      mount.readonly = !bool();
      return;
    case "required":
      mount.required = bool();
      return;
    case "id":
      mount.id = value;
      return;
    case "sharing":
      if (value !== "shared" && value !== "private" && value !== "locked") {
        report(`unsupported sharing value "${value}"`, range);
      } else {
        mount.sharing = value;
      }
      return;
    case "size": {
      const size = parseRamSize(value ?? "");
      if (size === undefined) report(`invalid size value "${value}"`, range);
      mount.size = size;
      return;
    }
    case "mode":
      mount.mode = integer(8);
      return;
    case "uid":
      mount.uid = integer(10);
      return;
    case "gid":
      mount.gid = integer(10);
      return;
    case "env":
      mount.env = value;
      return;
  }
}

function validateMount(mount: Mount, report: (message: string, range: Range) => void): void {
  const has = (key: string) => mount.options.some((o) => o.key === key);
  const only = (keys: string[], types: MountType[]) => {
    for (const key of keys) {
      if (has(key) && !types.includes(mount.type))
        report(`${key} is not allowed for ${mount.type} mounts`, mount.range);
    }
  };
  only(["sharing"], ["cache"]);
  only(["required"], ["secret", "ssh"]);
  only(["size"], ["tmpfs"]);
  only(["mode", "uid", "gid"], ["cache", "secret", "ssh"]);
  only(["env"], ["secret"]);
  if (mount.type === "secret") {
    if (mount.from !== undefined) report("secret mount source can't be from another stage", mount.range);
    if (mount.source === undefined && mount.target === undefined && mount.id === undefined && mount.env === undefined) {
      report("one of source, target or id is required for a secret mount", mount.range);
    }
    if (mount.source !== undefined && mount.id !== undefined) {
      report("both source and id can't be set for a secret mount", mount.range);
    }
  }
  if (mount.readonly === undefined) mount.readonly = mount.type !== "cache" && mount.type !== "tmpfs";
}
