const express = require("express");

function createApp() {
  const app = express();
  const todos = new Map();
  let nextId = 1;

  app.use(express.json());
  app.get("/health", (_req, res) => res.json({ status: "ok" }));
  app.get("/todos", (_req, res) => res.json([...todos.values()]));
  app.post("/todos", (req, res) => {
    const title = typeof req.body?.title === "string" ? req.body.title.trim() : "";
    if (!title) return res.status(400).json({ error: "title is required" });
    const todo = { id: nextId++, title, done: false };
    todos.set(todo.id, todo);
    res.status(201).json(todo);
  });
  app.patch("/todos/:id", (req, res) => {
    const todo = todos.get(Number(req.params.id));
    if (!todo) return res.status(404).json({ error: "no such todo" });
    if (typeof req.body?.done === "boolean") todo.done = req.body.done;
    res.json(todo);
  });
  return app;
}

module.exports = { createApp };
