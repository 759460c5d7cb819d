export interface Quote {
  id: number;
  text: string;
  author: string;
}

export const quotes: Quote[] = [
  { id: 1, text: "Simplicity is prerequisite for reliability.", author: "Edsger W. Dijkstra" },
  { id: 2, text: "Make it work, make it right, make it fast.", author: "Kent Beck" },
  { id: 3, text: "Premature optimization is the root of all evil.", author: "Donald Knuth" },
];

export function findQuote(id: number): Quote | undefined {
  return quotes.find((quote) => quote.id === id);
}
