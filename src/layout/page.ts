// A page's printed lines in reading order, from its positioned words and the bordered tables found on its image:
// each table's rows as "cell | cell | …" lines where the table stands, the text around it in the column-aware
// reading order (columns.ts). The same for words from the OCR and, through the same grid, for a text layer.
import type { Box, OcrLine, OcrWord, PlacedLine } from '../model/document.js';
import { placedReadingOrder } from '../ocr/columns.js';
import { median } from '../util/stats.js';
import { insideTable, placedTableLines, type PlacedWord, type TableGrid } from './grid.js';

/** The box round some boxes (at least one). */
export function boxAround(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/** A line made of some words (a line's, or several lines'): their text in order and the box round them. */
export function lineOfWords(words: OcrWord[], confidence: number): OcrLine {
  return { text: words.map((w) => w.text).join(' '), confidence, bbox: boxAround(words.map((w) => w.bbox)), words };
}

/** Superscript digits, by value: a footnote's marker as printed. */
export const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** What an OCR makes of a superscript 1 (the footnote finder reads them as marker 1 too). */
export const ONE_LOOKALIKES = 'IÌÍìíl|!';

/** A footnote's marker as an OCR reads it: a number, a superscript, or what it makes of a superscript 1. */
const NOTE_MARKER = new RegExp(`^(?:[1-9]\\d?|[${ONE_LOOKALIKES}${SUPERSCRIPTS.slice(1)}])$`, 'u');
/** A footnote's type is this much smaller than the body's (10–11 pt under 13–14). */
const NOTE_TYPE = 0.88;
/** …and the note's other lines at least this much (measured on few words, a line's height wanders). */
const FOOT_TYPE = 0.97;

const wordHeight = (l: OcrLine) => median(l.words.filter((w) => /\p{L}/u.test(w.text)).map((w) => w.bbox.y1 - w.bbox.y0));

/** Digits written as superscripts ("12" → "¹²"). */
export const superscript = (digits: string) => [...digits].map((d) => SUPERSCRIPTS[Number(d)] ?? d).join('');

/**
 * The lines that start a footnote: in the run of small-type lines that ends the page, a marker first, then a
 * capital, in type smaller than the page's body (or as small as the note above it). Each is given back with its
 * marker written as printed, a superscript digit (an OCR reads a superscript 1 as "I", "Ì", "l" or "|", which the
 * repair would take for a word); the set holds their boxes, by identity, as the reading order hands them on.
 */
function markNotes(lines: OcrLine[], tables: TableGrid[]): { lines: OcrLine[]; starts: Set<Box> } {
  const starts = new Set<Box>();
  const body = median(lines.filter((l) => l.words.length >= 3).map(wordHeight));
  const byTop = lines.filter((l) => !tables.some((t) => insideTable(t, l.bbox))).sort((a, b) => a.bbox.y0 - b.bbox.y0);
  // Notes stand at the page's foot: only the run of lines smaller than the body's (a word's measured height varies
  // with its letters: a note's second line may measure nearly the body's) and page numbers the page ends with.
  let foot = byTop.length;
  while (foot > 0 && (byTop[foot - 1]!.words.length <= 2 || wordHeight(byTop[foot - 1]!) <= FOOT_TYPE * body)) foot--;
  let note = 0;
  for (const l of byTop.slice(foot)) {
    const h = wordHeight(l);
    const smaller = h > 0 && h <= NOTE_TYPE * body;
    const sameAsNote = note > 0 && Math.abs(h - note) <= 0.1 * note;
    // Close after the marker, as a sentence: no row of a table's cells.
    const sentence = l.words.slice(1).every((w, k) => w.bbox.x0 - l.words[k]!.bbox.x1 < 3 * h);
    const marked = l.words.length >= 3 && NOTE_MARKER.test(l.words[0]!.text) && /^\p{Lu}/u.test(l.words[1]!.text) && sentence;
    if (marked && (smaller || sameAsNote)) {
      starts.add(l.bbox);
      note = h;
    } else if (!sameAsNote) note = 0;
  }
  if (!starts.size) return { lines, starts };
  const marker = (t: string) => (/^\d+$/.test(t) ? superscript(t) : SUPERSCRIPTS.includes(t) ? t : '¹');
  const out = lines.map((l) => {
    if (!starts.has(l.bbox)) return l;
    const words = [{ ...l.words[0]!, text: marker(l.words[0]!.text) }, ...l.words.slice(1)];
    return { ...l, text: words.map((w) => w.text).join(' '), words };
  });
  return { lines: out, starts };
}

/** A blank line before each footnote, so that the note stands as a paragraph of its own. */
function withNoteBreaks(placed: PlacedLine[], starts: Set<Box>): PlacedLine[] {
  if (!starts.size) return placed;
  return placed.flatMap((l, i) => (l.box && starts.has(l.box) && i > 0 ? [{ text: '', box: null }, l] : [l]));
}

/** `tableWords`: each table's words read on their own (column by column), in place of the page's reading of them. */
export function pageLines(lines: OcrLine[], tables: TableGrid[] = [], tableWords?: PlacedWord[][]): PlacedLine[] {
  const notes = markNotes(lines, tables);
  return withNoteBreaks(linesInOrder(notes.lines, tables, tableWords), notes.starts);
}

function linesInOrder(lines: OcrLine[], tables: TableGrid[], tableWords?: PlacedWord[][]): PlacedLine[] {
  if (!tables.length) return placedReadingOrder(lines);
  const inTable = tables.map(() => [] as { text: string; box: OcrLine['bbox'] }[]);
  const outside: OcrLine[] = [];
  for (const line of lines) {
    const rest = line.words.filter((w) => {
      const t = tables.findIndex((tb) => insideTable(tb, w.bbox));
      if (t < 0) return true;
      inTable[t]!.push({ text: w.text, box: w.bbox });
      return false;
    });
    if (rest.length === line.words.length) outside.push(line);
    else if (rest.length) outside.push(lineOfWords(rest, line.confidence));
  }
  // Text above each table, the table, and so on down the page.
  const out: PlacedLine[] = [];
  let pending = outside;
  tables.forEach((t, k) => {
    const above = pending.filter((l) => (l.bbox.y0 + l.bbox.y1) / 2 < t.box.y0);
    pending = pending.filter((l) => (l.bbox.y0 + l.bbox.y1) / 2 >= t.box.y0);
    out.push(...placedReadingOrder(above), ...placedTableLines(t, tableWords?.[k] ?? inTable[k]!));
  });
  out.push(...placedReadingOrder(pending));
  return out;
}
