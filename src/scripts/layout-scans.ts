// Dev scans laid out as plans are printed. The dev scans in ../shared were rendered from the gold's lines as they
// stand, so a header or closing line that an OCR once merged ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …") is printed as
// one line there, and the reading order of columns cannot be measured on them. Here the gold's header and closing
// block are set in two columns again (issuer | motto, number | place and date, recipients | signature) and
// rendered as a two-page scan: page 1 the header and the start of the body, page 2 the closing block. `npm run
// eval` OCRs them and scores the fields those pages carry.
import { renderPage, type RenderedPage } from './render.js';

/** Where a header line's right column starts: the motto, or the place-and-date line. */
const HEADER_RIGHT = /(CỘNG HÒA|ĐẢNG CỘNG SẢN|Độc lập|(?<![^\s])(?:\p{Lu}[\p{Ll}\p{M}]+\s)*\p{Lu}[\p{Ll}\p{M}]+, ngày \d)/u;
const TYPE_LINE = /^\s*(KẾ HOẠCH|QUYẾT ĐỊNH|CÔNG VĂN|BÁO CÁO|CHƯƠNG TRÌNH|HƯỚNG DẪN|THÔNG BÁO)\s*$/u;
/** The signature column's part of a closing line: its capitals at the end, or a name after the item's end. */
const CLOSING_RIGHT = /\s((?:T\/M|TM\.|KT\.)?\s*(?:\p{Lu}[\p{Lu}\p{M}]*\s?){2,})$|[.;,]\s((?:\p{Lu}[\p{Ll}\p{M}]+\s?){2,4})$/u;
const BODY_LINES = 18;
/** Characters of the left column at the closing block's type size (11 pt), as wide as a printed one. */
const LEFT_CHARS = 36;

function splitHeaderLine(line: string): string {
  const m = line.match(HEADER_RIGHT);
  if (!m || m.index === undefined) return line;
  return `${line.slice(0, m.index).trim()} || ${line.slice(m.index).trim()}`;
}

function splitClosingLine(line: string, first: boolean): string {
  if (first) {
    const at = line.indexOf(':');
    return at >= 0 && line.slice(at + 1).trim() ? `${line.slice(0, at + 1)} || ${line.slice(at + 1).trim()}` : line;
  }
  const m = line.match(CLOSING_RIGHT);
  if (!m || m.index === undefined) return line;
  const right = (m[1] ?? m[2])!.trim();
  return `${line.slice(0, line.length - right.length).trim()} || ${right}`;
}

/** The two pages' lines, in render.ts's syntax ("left || right", "# centred"). */
export function laidOutLines(gold: string[]): [string[], string[]] {
  const type = gold.findIndex((l) => TYPE_LINE.test(l));
  const header = gold.slice(0, Math.max(type, 0)).filter((l) => l.trim()).map(splitHeaderLine);
  const page1 = [...header, '', `# ${gold[type]?.trim() ?? ''}`];
  let i = type + 1;
  while (i < gold.length && gold[i]!.trim() === '') i++;
  for (; i < gold.length && gold[i]!.trim() !== ''; i++) page1.push(`# ${gold[i]!.trim()}`);
  page1.push('', ...gold.slice(i, i + 40).filter((l) => l.trim()).slice(0, BODY_LINES));
  const start = gold.findIndex((l) => /^Nơi nhận/.test(l.trim()));
  const page2: string[] = [];
  for (let k = start; start >= 0 && k < gold.length; k++) {
    const line = gold[k]!;
    // The closing block ends at an appendix or at digital-signature metadata (tab-indented lines).
    if (/^\s*Phụ lục/.test(line) || /^\t/.test(line)) break;
    if (line.trim()) page2.push(...wrapLeft(splitClosingLine(line.trim(), k === start)));
  }
  return [page1, page2];
}

/** The left column is narrower than the page: a long item wraps onto a line of its own, as printed. */
function wrapLeft(line: string): string[] {
  const [left, right] = line.includes('||') ? line.split('||').map((s) => s.trim()) : [line, ''];
  if (left!.length <= LEFT_CHARS) return [line];
  const cut = left!.lastIndexOf(' ', LEFT_CHARS);
  const head = left!.slice(0, cut);
  const rest = `  ${left!.slice(cut + 1)}`;
  return [right ? `${head} || ${right}` : head, ...wrapLeft(rest)];
}

export function laidOutPages(gold: string[]): RenderedPage[] {
  const [page1, page2] = laidOutLines(gold);
  return [renderPage(page1, { dpi: 200, fontSize: 12 }), renderPage(page2, { dpi: 200, fontSize: 11 })];
}
