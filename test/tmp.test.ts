import { it } from "vitest";
import { parse } from "../src/dockerfile/parse.js";
import { loadShellParser } from "../src/dockerfile/shell.js";

it("x", async () => {
  await loadShellParser();
  for (const t of [
    "FROM a\nRUN cat <<EOF > /etc/x && chmod 600 /etc/x\nhello\nEOF\n",
    "FROM a\nRUN cat <<'EOF'; echo done\nhello\nEOF\n",
  ]) {
    const run: any = parse(t).instructions[1];
    console.log(
      JSON.stringify(run.shell.source),
      run.shell.hasError,
      run.shell.commands.map((c: any) => [c.name?.value, c.text, c.next]),
    );
  }
});
