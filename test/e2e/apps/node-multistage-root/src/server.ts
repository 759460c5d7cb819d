import express from "express";
import { findQuote, quotes } from "./quotes";

const app = express();
const port = Number(process.env.PORT ?? 4000);

app.get("/health", (_req, res) => {
  res.json({ status: "ok" });
});

app.get("/quotes", (_req, res) => {
  res.json(quotes);
});

app.get("/quotes/:id", (req, res) => {
  const quote = findQuote(Number(req.params.id));
  if (!quote) {
    res.status(404).json({ error: "not found" });
    return;
  }
  res.json(quote);
});

app.listen(port, () => {
  console.log(`quotes-api listening on ${port}`);
});
