// Scanned pages as archives hold them: 1-bit bitonal masters, PDFs whose page size disagrees with their image,
// pages fed upside down. The pages are rendered here from an invented plan; no system tool is needed.
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { rotateGray } from '../src/ingest/deskew.js';
import { pageScanImage, toGray } from '../src/ingest/pdfImage.js';
import { turnRaster } from '../src/model/raster.js';
import { runMinima, runsUnder, stretchBuffer } from '../src/model/runMinima.js';
import { convert } from '../src/pipeline/convert.js';
import { SAMPLE_PLAN } from '../src/scripts/make-fixtures.js';
import { imagePdf, packBits, renderPage } from '../src/scripts/render.js';

/** A white canvas to draw a test page on. */
function whitePage(w: number, h: number) {
  const c = createCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  return { c, ctx };
}

async function firstPageImage(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    return await pageScanImage(await doc.getPage(1));
  } finally {
    await doc.destroy();
  }
}

// 1,653 px wide at 200 dpi: not a multiple of 8, so each 1-bit row carries 3 bits of padding.
const page = renderPage(SAMPLE_PLAN.slice(0, 12), { dpi: 200 });
const bitonal = page.grey.map((g) => (g >= 128 ? 255 : 0));

describe('scanned PDF pages', () => {
  it('decodes a 1-bit image row by row, padding included', async () => {
    expect(page.width % 8).not.toBe(0);
    const img = await firstPageImage(imagePdf([{ bits: packBits(page.grey, page.width, page.height), width: page.width, height: page.height }]));
    expect(img).not.toBeNull();
    expect([img!.width, img!.height]).toEqual([page.width, page.height]);
    expect(Buffer.from(toGray(img!)).equals(Buffer.from(bitonal))).toBe(true);
  });

  it('takes the embedded image at its own resolution when the page size says otherwise', async () => {
    // Declared at 60 dpi: the page is 27 inches wide, yet its image is an ordinary page.
    const img = await firstPageImage(imagePdf([{ jpeg: page.jpeg, width: page.width, height: page.height }], 60));
    expect([img!.width, img!.height]).toEqual([page.width, page.height]);
  });

  it('turns an image by quarter turns', () => {
    const image = { width: page.width, height: page.height, data: page.grey };
    const turned = turnRaster(image, 90);
    expect([turned.width, turned.height]).toEqual([page.height, page.width]);
    // The top-left pixel goes to the top-right corner.
    const probe = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect(Array.from(turnRaster(probe, 90).data)).toEqual([4, 1, 5, 2, 6, 3]);
    expect(Array.from(turnRaster(probe, 180).data)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(Array.from(turnRaster(probe, 270).data)).toEqual([3, 6, 2, 5, 1, 4]);
    // Turned four times, the page is itself again, pixel for pixel.
    let back = image;
    for (let k = 0; k < 4; k++) back = turnRaster(back, 90);
    expect(Buffer.from(back.data).equals(Buffer.from(page.grey))).toBe(true);
  });

  it("finds the stretches of a row darker than a threshold by its runs' darkest pixels", () => {
    const [w, h] = [100, 2];
    const gray = new Uint8Array(w * h).fill(255);
    gray[5] = 100; // row 0, run 0
    gray[40] = 10; // row 0, run 1: joined with run 0
    gray[w + 99] = 150; // row 1, the last (short) run
    const runs = runMinima(gray, w, h);
    expect(Array.from(runs.min)).toEqual([100, 10, 255, 255, 255, 255, 255, 150]);
    const out = stretchBuffer(runs);
    const under = (y: number, below: number) => {
      const n = runsUnder(runs, w, y, below, out);
      return Array.from({ length: n }, (_, k) => [out[2 * k], out[2 * k + 1]]);
    };
    expect(under(0, 200)).toEqual([[0, 64]]);
    expect(under(1, 200)).toEqual([[w + 96, w + 100]]);
    expect(under(0, 50)).toEqual([[32, 64]]);
    expect(under(1, 50)).toEqual([]);
    // Every other run dark: as many stretches as a row can hold, each its own (not joined across the paper).
    const striped = new Uint8Array(w).fill(255);
    for (let b = 0; b < 4; b += 2) striped[b * 32] = 0;
    const stripedRuns = runMinima(striped, w, 1);
    const buffer = stretchBuffer(stripedRuns);
    const n = runsUnder(stripedRuns, w, 0, 200, buffer);
    expect(Array.from(buffer.subarray(0, 2 * n))).toEqual([0, 32, 64, 96]);
  });

  it('straightens a page pixel for pixel as a plain bilinear turn, white paper skipped or not', () => {
    // Print on white paper with grey noise in one corner: runs of paper are filled white without the arithmetic,
    // and every pixel must still be what the blend of its four neighbours gives.
    const image = { width: page.width, height: page.height, data: Uint8Array.from(page.grey) };
    for (let i = 0; i < 40_000; i++) image.data[(i % 200) + Math.floor(i / 200) * image.width] = 250 - (i % 7);
    const reference = (degrees: number) => {
      const { width, height, data } = image;
      const [cos, sin] = [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];
      const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? 255 : data[y * width + x]!);
      const out = new Uint8Array(width * height);
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          const sx = width / 2 + (x + 0.5 - width / 2) * cos + (y + 0.5 - height / 2) * sin - 0.5;
          const sy = height / 2 - (x + 0.5 - width / 2) * sin + (y + 0.5 - height / 2) * cos - 0.5;
          const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
          const [fx, fy] = [sx - x0, sy - y0];
          const v = (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
          out[y * width + x] = Math.round(v);
        }
      return out;
    };
    for (const degrees of [0.73, -2.4]) {
      const turned = rotateGray(image.data, image.width, image.height, degrees);
      const want = reference(degrees);
      let differ = 0;
      for (let i = 0; i < want.length; i++) if (turned[i] !== want[i]) differ++;
      expect(differ, `${degrees}°`).toBe(0);
    }
  });

  it('reads a bitonal page fed upside down, and says it turned it', async () => {
    const upside = turnRaster({ width: page.width, height: page.height, data: page.grey }, 180);
    const pdf = imagePdf([{ bits: packBits(upside.data, upside.width, upside.height), width: upside.width, height: upside.height }]);
    const plan = await convert(pdf, { jobs: 1, name: 'upside-down.pdf' });
    expect(plan.source.pageDecisions![0]!.reason).toContain('turned 180°');
    expect(plan.text).toContain('KẾ HOẠCH');
    expect(plan.document.number).toBe('42');
    expect(plan.warnings.map((w) => w.code)).not.toContain('LOW_OCR_CONFIDENCE');
  }, 120_000);
});

describe('stamp ink', () => {
  type Ctx = ReturnType<typeof whitePage>['ctx'];
  /** A stamp's ring, in the grey a grey scan gives its red ink. */
  const ring = (ctx: Ctx, x: number, y: number, r: number, shade: number, width: number) => {
    ctx.strokeStyle = `rgb(${shade},${shade},${shade})`;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, Math.PI * 2);
    ctx.stroke();
  };
  const grayOf = (ctx: Ctx, w: number, h: number) => {
    const rgba = ctx.getImageData(0, 0, w, h).data;
    return new Uint8Array(w * h).map((_, i) => rgba[i * 4]!);
  };

  it('whitens a mid-grey stamp ring but keeps print and its rims', async () => {
    const { dropStampInk } = await import('../src/ingest/stamp.js');
    const w = 600;
    const h = 400;
    const { ctx } = whitePage(w, h);
    ctx.fillStyle = '#000';
    ctx.font = 'bold 48px sans-serif';
    ctx.fillText('PHÓ CHỦ TỊCH', 60, 120);
    ctx.fillRect(40, 300, 500, 40); // a lot of print: a sharp scan's share of dark ink
    ring(ctx, 300, 150, 120, 100, 8);
    const gray = grayOf(ctx, w, h);
    const before = gray.slice();
    expect(dropStampInk(gray, w, h)).toBe(true);
    // The ring's left edge, far from any letter: gone.
    expect(before[150 * w + 180]).toBeLessThan(200);
    expect(gray[150 * w + 180]).toBe(255);
    // Every dark pixel of the print is kept.
    for (let i = 0; i < gray.length; i++) if (before[i]! < 72) expect(gray[i]).toBe(before[i]);
  });

  it("takes the stamp's noise specks with it, but not a period or a diacritic beside it", async () => {
    const { dropStampInk } = await import('../src/ingest/stamp.js');
    // An A4 page at 300 dpi, so that marks have their real sizes.
    const w = 2480;
    const h = 2480;
    const { ctx } = whitePage(w, h);
    ctx.fillStyle = '#000';
    ctx.fillRect(100, 2000, 2000, 200);
    ctx.fillRect(1000, 1000, 7, 7); // a bold period inside the stamp
    ctx.fillRect(1050, 1000, 6, 5); // a diacritic
    ring(ctx, 1100, 1000, 250, 100, 12);
    ctx.fillRect(849, 999, 3, 3); // noise: a few dark pixels on the ring
    ctx.fillRect(1349, 1000, 3, 2);
    const gray = grayOf(ctx, w, h);
    expect(dropStampInk(gray, w, h)).toBe(true);
    expect(gray[1000 * w + 850]).toBe(255);
    expect(gray[1000 * w + 1350]).toBe(255);
    expect(gray[1003 * w + 1003]).toBe(0);
    expect(gray[1002 * w + 1052]).toBe(0);
  });

  it('on a blurred scan, drops the round stamp and leaves the rims of print, also where print is small', async () => {
    const { dropStampInk } = await import('../src/ingest/stamp.js');
    const w = 2480;
    const h = 2480;
    const { ctx } = whitePage(w, h);
    // Blurred print: a dark core with a wide grey rim, so that dark ink is a third of all ink.
    for (let k = 0; k < 20; k++) {
      ctx.fillStyle = 'rgb(150,150,150)';
      ctx.fillRect(100, 100 + k * 80, 1000, 30);
      ctx.fillStyle = '#000';
      ctx.fillRect(100, 110 + k * 80, 1000, 10);
    }
    // Small print, no darker than the stamp, in a block of its own.
    ctx.fillStyle = 'rgb(70,70,70)';
    for (let k = 0; k < 8; k++) ctx.fillRect(1300, 300 + k * 30, 400, 4);
    ring(ctx, 1700, 2000, 230, 75, 14);
    const gray = grayOf(ctx, w, h);
    expect(dropStampInk(gray, w, h)).toBe(true);
    expect(gray[2000 * w + 1470]).toBe(255); // the ring
    expect(gray[101 * w + 500]).toBe(150); // a rim of print
    expect(gray[301 * w + 1500]).toBe(70); // small print
  });

  it('leaves a faint scan alone, where print itself is mid grey', async () => {
    const { dropStampInk } = await import('../src/ingest/stamp.js');
    const gray = new Uint8Array(100 * 100).fill(255);
    for (let i = 0; i < 3000; i++) gray[i] = 110;
    expect(dropStampInk(gray, 100, 100)).toBe(false);
    expect(gray[0]).toBe(110);
  });
});

describe('pages read too badly to trust', () => {
  it('are named in a warning and in the report', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { vnplan } = await import('./helpers.js');
    // Strokes in rows like print, but no letters: tesseract reads them with little confidence, every way round.
    const w = 1654;
    const h = 560;
    const { c, ctx } = whitePage(w, h);
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 3;
    let s = 12345;
    const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let y = 150; y < 450; y += 45)
      for (let x = 150; x < 1500; x += 14 + Math.floor(r() * 10)) {
        ctx.beginPath();
        ctx.moveTo(x, y + r() * 25);
        ctx.lineTo(x + 4 + r() * 8, y + r() * 25);
        ctx.lineTo(x + r() * 10, y + 25);
        ctx.stroke();
      }
    const dir = mkdtempSync(join(tmpdir(), 'vnplan-lowconf-'));
    writeFileSync(join(dir, 'specks.pdf'), imagePdf([{ jpeg: c.toBuffer('image/jpeg', 90), width: w, height: h }], 200));
    const res = await vnplan(['convert', join(dir, 'specks.pdf'), '--out-dir', dir, '--report', join(dir, 'report.json'), '-q', '--jobs', '1']);
    expect(res.code).toBe(0);
    const [entry] = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(entry.lowConfidencePages).toEqual([1]);
    const plan = JSON.parse(readFileSync(join(dir, 'specks.plan.json'), 'utf8'));
    expect(plan.warnings.find((x: { code: string }) => x.code === 'LOW_OCR_CONFIDENCE')?.message).toMatch(/^page 1: OCR mean confidence \d+/);
  }, 120_000);
});
