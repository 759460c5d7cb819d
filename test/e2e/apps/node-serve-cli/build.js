// Renders every Markdown file in content/ into build/, inside the page template, and copies public/.
const fs = require("node:fs");
const path = require("node:path");
const { marked } = require("marked");

const out = path.join(__dirname, "build");
const template = fs.readFileSync(path.join(__dirname, "public", "template.html"), "utf8");

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
for (const file of fs.readdirSync(path.join(__dirname, "public"))) {
  if (file !== "template.html") fs.copyFileSync(path.join(__dirname, "public", file), path.join(out, file));
}
for (const file of fs.readdirSync(path.join(__dirname, "content"))) {
  if (!file.endsWith(".md")) continue;
  const markdown = fs.readFileSync(path.join(__dirname, "content", file), "utf8");
  const title = markdown.split("\n")[0].replace(/^#\s*/, "");
  const html = template.replace("{{title}}", title).replace("{{body}}", marked.parse(markdown));
  fs.writeFileSync(path.join(out, file.replace(/\.md$/, ".html")), html);
  console.log(`built ${file}`);
}
