import type { StackName } from "../analyze/stack.js";

const COMMON = [
  ".git",
  ".gitignore",
  ".dockerignore",
  "Dockerfile*",
  "*.Dockerfile",
  "**/.DS_Store",
  ".env",
  ".env.*",
  "!.env.example",
  "*.pem",
  "*.key",
  "id_rsa*",
  ".npmrc",
  ".pypirc",
  "*.log",
  ".vscode",
  ".idea",
  "docker-compose*.yml",
  "compose*.yaml",
  "reports",
];

const BY_STACK: Record<StackName, string[]> = {
  python: [
    "__pycache__",
    "**/__pycache__",
    "*.pyc",
    ".venv",
    "venv",
    ".pytest_cache",
    ".mypy_cache",
    ".tox",
    "*.egg-info",
    "build",
    "dist",
  ],
  node: ["node_modules", "**/node_modules", "npm-debug.log*", "yarn-error.log", "coverage", ".next/cache", "dist"],
  go: ["bin", "vendor/**/testdata", "*.test", "coverage.out"],
  rust: ["target"],
  "c-cpp": ["build", "cmake-build-*", "*.o", "*.a", "*.so"],
  java: ["target", "build", ".gradle", "*.class"],
  unknown: [],
};

/**
 * The .dockerignore for a stack. With an existing file, every line the user wrote is kept as is and
 * only the missing entries are appended; `added` lists them.
 */
export function dockerignoreFor(
  stack: StackName,
  existing: string | undefined,
  keep: string[] = [],
): { text: string; added: string[] } {
  const wanted = [...COMMON, ...BY_STACK[stack]].filter((entry) => !keep.includes(entry));
  const present = new Set((existing ?? "").split(/\r?\n/).map((line) => line.trim()));
  const added = wanted.filter((entry) => !present.has(entry));
  if (existing === undefined)
    return {
      text: `# Written by imagediet optimize: keep the build context small and free of secrets.\n${added.join("\n")}\n`,
      added,
    };
  if (added.length === 0) return { text: existing, added };
  const separator = existing.endsWith("\n") || existing === "" ? "" : "\n";
  return { text: `${existing}${separator}# Added by imagediet optimize\n${added.join("\n")}\n`, added };
}
