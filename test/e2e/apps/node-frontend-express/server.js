const path = require("node:path");
const express = require("express");

const app = express();
const port = Number(process.env.PORT || 8088);
let sessions = 0;

app.use(express.static(path.join(__dirname, "dist")));

app.get("/api/health", (req, res) => {
  res.json({ status: "ok" });
});

app.post("/api/sessions", (req, res) => {
  sessions += 1;
  res.json({ sessions });
});

app.get("/api/sessions", (req, res) => {
  res.json({ sessions });
});

app.listen(port, () => {
  console.log(`pomodoro on http://localhost:${port}`);
});
