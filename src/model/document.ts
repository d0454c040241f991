// The working document that flows from stage to stage (ingest → ocr → repair → normalise → parse → validate → emit).
// Each stage is a plain function that takes a Doc and returns it with its own part filled in.
import type { TableGrid } from '../layout/grid.js';
import type { Rule } from '../layout/ruling.js';
import type { Raster } from './raster.js';
import type { OcrInfo, PageDecision, Plan, RepairInfo, SourceKind, Warning } from './plan.js';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A line of a page in reading order and the box round the words it was made of (null when it has none). */
export interface PlacedLine {
  text: string;
  box: Box | null;
}

export interface OcrWord {
  text: string;
  confidence: number;
  bbox: Box;
}

/** One printed line as the OCR saw it, with its words' boxes (used to read columns and tables in order). */
export interface OcrLine {
  text: string;
  confidence: number;
  bbox: Box;
  words: OcrWord[];
}

export interface Page {
  number: number;
  method: PageDecision['method'];
  reason: string;
  /** The page's text, one printed line per entry (filled by ingest for text, by ocr for images). */
  lines: string[];
  /** Where each of `lines` stands on the page as the source shows it: fractions of its width and height. */
  lineBoxes?: (Box | null)[];
  /** The page's size in the source's units (points for a PDF, pixels for an image). */
  size?: { width: number; height: number; unit: 'pt' | 'px' };
  /** The straightening the page's image had before it was read: the skew (degrees, clockwise) and quarter turns. */
  straightened?: { angle: number; turn: number };
  confidence?: number;
  /** The page's text is the PDF's own typeset text (drawn to be seen, no scan under it): exact, so not repaired. */
  typeset?: boolean;
  /** Bordered tables found on the page image (its pixel coordinates), and the rules that draw them. */
  tables?: TableGrid[];
  tableRules?: Rule[];
}

/**
 * A document's page images, read one page at a time when an OCR worker is ready for it, so that a 500-page volume
 * is never in memory at once: only its pages' words are kept. `read` returns the page prepared for OCR and fills
 * the page's tables; the OCR stage closes the source when it has read every page.
 */
export interface PageImages {
  read(page: Page): Promise<Raster>;
  close(): Promise<void>;
}

/** A line of the whole document after normalise: its text and where it came from. */
export interface DocLine {
  text: string;
  page: number;
  /** Where it stands on its page (fractions of the page), when the page had positions. */
  box: Box | null;
}

export interface Doc {
  file: string;
  sha256: string;
  kind: SourceKind;
  pages: Page[];
  /** Where the pages marked for OCR get their images (null when no page needs OCR). */
  images: PageImages | null;
  ocr: OcrInfo | null;
  repair: RepairInfo;
  /** The document's lines in reading order; empty until normalise. */
  lines: DocLine[];
  warnings: Warning[];
  plan?: Plan;
}

export function newDoc(file: string, sha256: string, kind: SourceKind): Doc {
  return {
    file,
    sha256,
    kind,
    pages: [],
    images: null,
    ocr: null,
    repair: { tokens: 0, changed: 0, lowConfidence: 0 },
    lines: [],
    warnings: [],
  };
}
