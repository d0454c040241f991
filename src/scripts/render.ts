// Render text as a scanned page (for fixtures and synthetic OCR training data) and wrap page images in a
// minimal PDF. Fonts come from npm packages (dejavu-fonts-ttf), never from the system.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import UTIF from 'utif2';

const require = createRequire(import.meta.url);

export interface RenderOptions {
  /** dots per inch of the page (A4 at 300 dpi is 2480 × 3508) */
  dpi?: number;
  fontSize?: number;
  font?: 'serif' | 'sans';
  /** 0–1: speckle noise and a slight blur, like a poor photocopy */
  noise?: number;
  /** deterministic noise */
  seed?: number;
  width?: number;
}

let registered = false;
function registerFonts(): void {
  if (registered) return;
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  GlobalFonts.registerFromPath(join(dir, 'DejaVuSerif.ttf'), 'VNSerif');
  GlobalFonts.registerFromPath(join(dir, 'DejaVuSerif-Bold.ttf'), 'VNSerif');
  GlobalFonts.registerFromPath(join(dir, 'DejaVuSans.ttf'), 'VNSans');
  registered = true;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/**
 * One page, one printed line per text line. "# …" lines are centred and bold; "left || right" lines are printed
 * in two columns, as the header and the closing block of a Vietnamese administrative document are; "§ a | b | …"
 * lines are table rows, each column as wide as its widest cell.
 */
export interface RenderedPage {
  png: Buffer;
  jpeg: Buffer;
  /** 8-bit grey pixels, row by row */
  grey: Uint8Array;
  width: number;
  height: number;
}

export function renderPage(lines: string[], opts: RenderOptions = {}): RenderedPage {
  registerFonts();
  const dpi = opts.dpi ?? 200;
  const width = opts.width ?? Math.round(8.27 * dpi);
  const size = Math.round(((opts.fontSize ?? 13) * dpi) / 72);
  const lineHeight = Math.round(size * 1.45);
  const margin = Math.round(0.8 * dpi);
  const height = Math.max(Math.round(11.69 * dpi * 0.35), margin * 2 + lineHeight * lines.length);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#111';
  ctx.textBaseline = 'alphabetic';
  const family = opts.font === 'sans' ? 'VNSans' : 'VNSerif';
  // Table columns ("§" rows) as wide as their widest cell, two em apart, as a ruled table's cells stand.
  ctx.font = `${size}px ${family}`;
  const columnStarts = [0];
  for (const row of lines.filter((l) => l.startsWith('§ ')))
    row
      .slice(2)
      .split('|')
      .forEach((cell, c) => {
        const w = ctx.measureText(cell.trim()).width + 2 * size;
        columnStarts[c + 1] = Math.max(columnStarts[c + 1] ?? 0, w);
      });
  for (let c = 1; c < columnStarts.length; c++) columnStarts[c]! += columnStarts[c - 1]!;
  lines.forEach((line, i) => {
    const y = margin + lineHeight * (i + 1);
    if (line.startsWith('# ')) {
      ctx.font = `bold ${size}px ${family}`;
      const text = line.slice(2);
      ctx.fillText(text, (width - ctx.measureText(text).width) / 2, y);
    } else if (line.startsWith('§ ')) {
      // A table row: its cells at the table's column starts.
      ctx.font = `${size}px ${family}`;
      line
        .slice(2)
        .split('|')
        .forEach((cell, c) => {
          if (cell.trim()) ctx.fillText(cell.trim(), margin + (columnStarts[c] ?? 0), y);
        });
    } else if (line.includes('||')) {
      const [left, right] = line.split('||').map((s) => s.trim());
      ctx.font = `${size}px ${family}`;
      if (left) ctx.fillText(left, margin, y);
      if (right) ctx.fillText(right, width * 0.45, y);
    } else {
      ctx.font = `${size}px ${family}`;
      ctx.fillText(line, margin, y);
    }
  });
  // Table rows are ruled, as appendix tables are printed: a rule above each row (a "§" line whose first cell is
  // empty goes on with the row above), below the last, and at every column's edge.
  const tableRows = lines.flatMap((l, i) => (l.startsWith('§ ') ? [i] : []));
  if (tableRows.length) {
    const top = (i: number) => margin + lineHeight * (i + 1) - Math.round(size * 1.05);
    const first = tableRows[0]!;
    const last = tableRows[tableRows.length - 1]!;
    const bottom = top(last + 1);
    const left = margin - Math.round(size * 0.5);
    const right = margin + columnStarts[columnStarts.length - 1]! - Math.round(size * 0.5);
    ctx.fillStyle = '#111';
    const w = Math.max(1, Math.round(dpi / 150));
    for (const i of tableRows) if (i === first || lines[i]!.slice(2).split('|')[0]!.trim()) ctx.fillRect(left, top(i), right - left, w);
    ctx.fillRect(left, bottom, right - left, w);
    for (const x of columnStarts) ctx.fillRect(margin + x - Math.round(size * 0.5), top(first), w, bottom - top(first));
  }
  if (opts.noise) {
    const rand = rng(opts.seed ?? 1);
    const img = ctx.getImageData(0, 0, width, height);
    const d = img.data;
    for (let p = 0; p < d.length; p += 4) {
      const r = rand();
      if (r < opts.noise * 0.02) d[p] = d[p + 1] = d[p + 2] = 40; // specks
      else if (r > 1 - opts.noise * 0.05 && d[p]! < 128) d[p] = d[p + 1] = d[p + 2] = 200; // broken strokes
    }
    ctx.putImageData(img, 0, 0);
  }
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;
  return { png: canvas.toBuffer('image/png'), jpeg: canvas.toBuffer('image/jpeg', 85), grey, width, height };
}

/** 8-bit grey pixels as a 1-bit image's rows, each padded to whole bytes (as PDF and TIFF store them); 1 = white. */
export function packBits(grey: Uint8Array, width: number, height: number): Buffer {
  const stride = (width + 7) >> 3;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (grey[y * width + x]! >= 128) out[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
  return out;
}

/**
 * A PDF whose pages are the given scans, each filling an A4-wide page at `dpi`: an image-only "scanned" PDF.
 * A page is a JPEG (colour, or grey given `greyJpeg`) or, given `bits` (from packBits), a 1-bit bitonal image as archive
 * masters are.
 */
export function imagePdf(pages: { jpeg?: Buffer; bits?: Buffer; greyJpeg?: boolean; width: number; height: number }[], dpi = 200): Buffer {
  const objects: (string | Buffer)[] = [];
  const add = (o: string | Buffer) => objects.push(o); // the object's number (1-based)
  const catalog = add('');
  const pagesObj = add('');
  const kids: number[] = [];
  for (const p of pages) {
    const w = (p.width * 72) / dpi;
    const h = (p.height * 72) / dpi;
    const data = p.bits ?? p.jpeg!;
    const format = p.bits ? '/ColorSpace /DeviceGray /BitsPerComponent 1' : `/ColorSpace /Device${p.greyJpeg ? 'Gray' : 'RGB'} /BitsPerComponent 8 /Filter /DCTDecode`;
    const img = add(
      Buffer.concat([
        Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} ${format} /Length ${data.length} >>\nstream\n`),
        data,
        Buffer.from('\nendstream'),
      ]),
    );
    const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`;
    const contents = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${img} 0 R >> >> /Contents ${contents} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  return pdfFile(objects);
}

/** Serialise numbered objects (1…n) into a PDF with a correct cross-reference table. */
export function pdfFile(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n')]);
    offsets.push(offset);
    parts.push(b);
    offset += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** Grey-scale pages as one uncompressed multi-page TIFF, the way document scanners deliver batches. */
export function multiPageTiff(pages: Pick<RenderedPage, 'grey' | 'width' | 'height'>[]): Buffer {
  // Room for the IFDs first, then each page's pixels, one strip a page.
  const HEAD = 4096;
  let offset = HEAD;
  const ifds = pages.map((p) => {
    const ifd = { t256: [p.width], t257: [p.height], t258: [8], t259: [1], t262: [1], t273: [offset], t277: [1], t278: [p.height], t279: [p.grey.length], t284: [1] };
    offset += p.grey.length;
    return ifd;
  });
  const head = new Uint8Array(UTIF.encode(ifds as unknown as UTIF.IFD[]));
  if (head.length > HEAD) throw new Error('TIFF header larger than expected');
  const out = Buffer.alloc(offset);
  out.set(head, 0);
  let at = HEAD;
  for (const p of pages) {
    out.set(p.grey, at);
    at += p.grey.length;
  }
  return out;
}
