// A PDF page's text layer as printed lines. pdf.js hands out text items (words, for OCR layers) with their
// positions; we rebuild lines from the positions because OCR layers mark every word as its own line.
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export async function pageTextLines(page: PDFPageProxy): Promise<string[]> {
  const content = await page.getTextContent();
  const items: Item[] = [];
  for (const it of content.items) {
    if (!('str' in it) || it.str.trim() === '') continue;
    const [a, b, , d, e, f] = it.transform as number[];
    items.push({ str: it.str, x: e!, y: f!, width: it.width, size: Math.max(Math.hypot(a!, b!), Math.abs(d!), 1) });
  }
  const lines: string[] = [];
  let cur = '';
  let prev: Item | undefined;
  for (const it of items) {
    // Items come in reading order; a new line starts when the pen goes back left or moves down a line.
    const newLine = prev && (it.x < prev.x - prev.size * 0.5 || Math.abs(it.y - prev.y) > prev.size * 0.6);
    if (newLine) {
      lines.push(cur.trim());
      cur = '';
    } else if (prev) {
      const gap = it.x - (prev.x + prev.width);
      if (gap > prev.size * 0.15 && !cur.endsWith(' ') && !it.str.startsWith(' ')) cur += ' ';
    }
    cur += it.str;
    prev = it;
  }
  if (cur.trim()) lines.push(cur.trim());
  return lines.map((l) => l.replace(/\s+/g, ' '));
}
