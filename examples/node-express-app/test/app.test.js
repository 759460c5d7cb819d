const { test } = require("node:test");
const assert = require("node:assert");
const { createApp } = require("../app");

async function withServer(run) {
  const server = createApp().listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    await run(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.close();
  }
}

test("health answers ok", () =>
  withServer(async (base) => {
    const response = await fetch(`${base}/health`);
    assert.strictEqual(response.status, 200);
    assert.deepStrictEqual(await response.json(), { status: "ok" });
  }));

test("a todo can be added and marked done", () =>
  withServer(async (base) => {
    const created = await fetch(`${base}/todos`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "write tests" }),
    });
    assert.strictEqual(created.status, 201);
    const { id } = await created.json();
    const patched = await fetch(`${base}/todos/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ done: true }),
    });
    assert.strictEqual((await patched.json()).done, true);
  }));

test("an empty title is refused", () =>
  withServer(async (base) => {
    const response = await fetch(`${base}/todos`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    assert.strictEqual(response.status, 400);
  }));
