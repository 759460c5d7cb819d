import { pipPackages } from "../../knowledge/package-managers.js";
import { unpinnedRule } from "../factories.js";

export const DL3013 = unpinnedRule({
  meta: {
    id: "DL3013",
    origin: "hadolint",
    severity: "warning",
    category: "correctness",
    title: "Pin versions in pip install",
    why: "An unpinned `pip install pkg` takes whatever is newest at build time, so two builds of the same commit differ. Off by default; prefer a lock file (`-r requirements.txt` with pins, or hashes).",
    fix: "Install `package==version`, or install from a pinned requirements file.",
    fixable: false,
    optIn: true,
    examples: { bad: "RUN pip install flask", good: "RUN pip install flask==3.0.3" },
  },
  packages: pipPackages,
  pinned: (word) =>
    /[=<>~!@]/.test(word) ||
    word === "." ||
    word.startsWith("/") ||
    word.startsWith("./") ||
    /^(git\+|https?:)/.test(word) ||
    /\.(whl|tar\.gz|zip)$/.test(word),
  message: (name) => `pin the version of ${name} (${name}==<version>)`,
});
