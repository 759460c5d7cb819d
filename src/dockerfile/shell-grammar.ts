import { fileURLToPath } from "node:url";
import { Language, Parser, type Tree, type TreeCursor } from "web-tree-sitter";

const GRAMMAR = fileURLToPath(new URL("../../vendor/tree-sitter-bash/tree-sitter-bash.wasm", import.meta.url));

/**
 * The bash grammar, loaded while this module is imported: whoever can call `readSyntaxTree` (and so
 * `parse`) has it, and every parse of the same text gives the same shell model.
 */
const parser = await loadParser();

async function loadParser(): Promise<Parser> {
  await Parser.init();
  const instance = new Parser();
  instance.setLanguage(await Language.load(GRAMMAR));
  return instance;
}

/** The tree-sitter syntax tree of a script, copied into plain objects. */
export function readSyntaxTree(text: string): { root: SyntaxNode; hasError: boolean } {
  const tree = parser.parse(text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  try {
    return { root: copyTree(tree, text), hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

/** A node of the bash syntax tree, copied out of the WASM tree in one cursor pass (each access to a
 * web-tree-sitter node crosses into WASM; the copy makes the walk plain JS). */
export interface SyntaxNode {
  type: string;
  named: boolean;
  field: string | null;
  start: number;
  end: number;
  children: SyntaxNode[];
  parent: SyntaxNode | undefined;
}

/** Nodes whose insides the walker never reads (a string's are read only when it holds `$(` or a backtick). */
const OPAQUE = new Set([
  "word",
  "raw_string",
  "number",
  "comment",
  "heredoc_body",
  "heredoc_start",
  "heredoc_end",
  "simple_expansion",
  "expansion",
  "arithmetic_expansion",
  "ansi_c_string",
  "test_command",
  "variable_assignment",
]);

function isOpaque(node: SyntaxNode, text: string): boolean {
  if (OPAQUE.has(node.type)) return true;
  if (node.type !== "string") return false;
  const body = text.slice(node.start, node.end);
  return !body.includes("$(") && !body.includes("`");
}

function copyTree(tree: Tree, text: string): SyntaxNode {
  const cursor = tree.walk();
  try {
    const root: SyntaxNode = {
      type: cursor.nodeType,
      named: true,
      field: null,
      start: cursor.startIndex,
      end: cursor.endIndex,
      children: [],
      parent: undefined,
    };
    let current = root;
    for (;;) {
      if (!isOpaque(current, text) && cursor.gotoFirstChild()) {
        current = appendChild(current, cursor);
        continue;
      }
      for (;;) {
        if (cursor.gotoNextSibling()) {
          current = appendChild(current.parent as SyntaxNode, cursor);
          break;
        }
        if (!cursor.gotoParent()) return root;
        current = current.parent as SyntaxNode;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Only these parents' field names are read by the walker; skipping the rest saves WASM calls. */
const FIELD_PARENTS = new Set(["command", "file_redirect", "redirected_statement", "herestring_redirect"]);

function appendChild(parent: SyntaxNode, cursor: TreeCursor): SyntaxNode {
  const node: SyntaxNode = {
    type: cursor.nodeType,
    named: cursor.nodeIsNamed,
    field: FIELD_PARENTS.has(parent.type) ? cursor.currentFieldName : null,
    start: cursor.startIndex,
    end: cursor.endIndex,
    children: [],
    parent,
  };
  parent.children.push(node);
  return node;
}
