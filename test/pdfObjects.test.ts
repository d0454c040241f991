// A scanned page's JPEG read from the PDF's own objects must give the pixels pdf.js gives (the OCR depends on
// them): the very pixels by pdf.js's decoder, within a level of them by libjpeg-turbo's, in files written the old way
// (a cross-reference table) and the new (objects packed in object streams, a cross-reference stream with a PNG
// predictor, the JPEG inside Flate, as OCRmyPDF writes them); and anything it cannot follow must leave the page to
// pdf.js, not fail it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { pageScanImage, toGray } from '../src/ingest/pdfImage.js';
import { decodeStoredJpeg, jpegFrame, storedPageJpeg } from '../src/ingest/pdfJpeg.js';
import { PdfObjects } from '../src/ingest/pdfObjects.js';
import { SAMPLE_PLAN } from '../src/scripts/make-fixtures.js';
import { projectRoot } from '../src/scripts/paths.js';
import { imagePdf, pdfFile, renderPage } from '../src/scripts/render.js';

const page = renderPage(SAMPLE_PLAN.slice(0, 10), { dpi: 60 });
const [W, H] = [page.width, page.height];
const [PW, PH] = [(W * 72) / 60, (H * 72) / 60];

/** pdf.js's grey pixels of page 1 and the page's reference. */
async function viaPdfJs(pdf: Buffer): Promise<{ gray: Uint8Array; ref: { num: number; gen: number } }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  try {
    const p = await doc.getPage(1);
    const img = await pageScanImage(p);
    expect(img).not.toBeNull();
    return { gray: toGray(img!), ref: p.ref! };
  } finally {
    await doc.destroy();
  }
}

async function viaStoredJpeg(pdf: Buffer, ref: { num: number; gen: number }, native = true): Promise<Uint8Array | null> {
  const objects = PdfObjects.open(new Uint8Array(pdf));
  const jpeg = objects && storedPageJpeg(objects, ref, PW, PH);
  return (jpeg && (await decodeStoredJpeg(jpeg, native))?.data) ?? null;
}

/** Each decoder's pixels against pdf.js's: pdf.js's own decoder's the same, libjpeg-turbo's within a level. */
async function expectPdfJsPixels(decode: (native: boolean) => Promise<Uint8Array | null | undefined>, gray: Uint8Array): Promise<void> {
  const own = await decode(false);
  expect(own).not.toBeNull();
  expect(Buffer.from(own!).equals(Buffer.from(gray))).toBe(true);
  const native = await decode(true);
  expect(native?.length).toBe(gray.length);
  let [most, off] = [0, 0];
  for (let i = 0; i < gray.length; i++) {
    const d = Math.abs(native![i]! - gray[i]!);
    most = Math.max(most, d);
    off += d;
  }
  expect(most).toBeLessThanOrEqual(1);
  expect(off).toBeLessThan(gray.length / 20);
}

/**
 * The page as OCRmyPDF-like output: every object but the streams packed in an object stream, found through a
 * cross-reference stream whose rows are PNG-Up predicted; the JPEG inside Flate, its length and colour space
 * indirect, and a text-only form beside it. `image` adds to the image's dictionary; `form` to the form's resources.
 */
function compressedPdf(opts: { image?: string; form?: string } = {}): Buffer {
  const jpeg = deflateSync(page.jpeg);
  const content = `q ${PW} 0 0 ${PH} 0 0 cm /Im0 Do /Fm0 Do Q`;
  const packed: Record<number, string> = {
    1: '<< /Type /Catalog /Pages 2 0 R >>',
    2: '<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /XObject << /Im0 4 0 R /Fm0 6 0 R >> >> >>',
    3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PW} ${PH}] /Contents 8 0 R >>`,
    7: '/DeviceRGB',
  };
  const own: Record<number, Buffer> = {
    4: Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${W} /Height ${H} /ColorSpace 7 0 R /BitsPerComponent 8 /Filter [/FlateDecode /DCTDecode] /Length 5 0 R ${opts.image ?? ''} >>\nstream\n`),
      jpeg,
      Buffer.from('\nendstream'),
    ]),
    5: Buffer.from(String(jpeg.length)),
    6: Buffer.from(`<< /Type /XObject /Subtype /Form /BBox [0 0 ${PW} ${PH}] /Resources << /Font << >> ${opts.form ?? ''} >> /Length 0 >>\nstream\n\nendstream`),
    8: Buffer.from(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`),
  };
  const nums = Object.keys(packed).map(Number);
  const bodies = nums.map((n) => `${packed[n]} `);
  let at = 0;
  const head = nums.map((n, k) => `${n} ${(at += k ? bodies[k - 1]!.length : 0)}`).join(' ') + ' ';
  const objStm = deflateSync(Buffer.from(head + bodies.join(''), 'latin1'));
  own[9] = Buffer.concat([Buffer.from(`<< /Type /ObjStm /N ${nums.length} /First ${head.length} /Filter /FlateDecode /Length ${objStm.length} >>\nstream\n`), objStm, Buffer.from('\nendstream')]);
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n')];
  const offsets = new Map<number, number>();
  let offset = parts[0]!.length;
  for (const n of Object.keys(own).map(Number)) {
    const b = Buffer.concat([Buffer.from(`${n} 0 obj\n`), own[n]!, Buffer.from('\nendobj\n')]);
    offsets.set(n, offset);
    parts.push(b);
    offset += b.length;
  }
  // Rows of [type, field 2 (2 bytes), field 3]: free, in place (offset), or in object stream 9 (its index).
  const rows: number[][] = [];
  for (let n = 0; n <= 10; n++) {
    const o = n === 10 ? offset : offsets.get(n);
    if (n === 0) rows.push([0, 0, 0, 255]);
    else if (o !== undefined) rows.push([1, o >> 8, o & 255, 0]);
    else rows.push([2, 0, 9, nums.indexOf(n)]);
  }
  // PNG "Up": each row stored as its difference from the row above.
  const predicted = rows.flatMap((r, i) => [2, ...r.map((v, k) => (v - (i ? rows[i - 1]![k]! : 0)) & 255)]);
  const xref = deflateSync(Buffer.from(predicted));
  parts.push(
    Buffer.from(
      `10 0 obj\n<< /Type /XRef /Size 11 /Root 1 0 R /W [1 2 1] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length ${xref.length} >>\nstream\n`,
    ),
    xref,
    Buffer.from(`\nendstream\nendobj\nstartxref\n${offset}\n%%EOF\n`),
  );
  return Buffer.concat(parts);
}

describe("a scanned page's stored JPEG", () => {
  it('gives the pixels pdf.js gives, from a file with a cross-reference table', async () => {
    const pdf = imagePdf([{ jpeg: page.jpeg, width: W, height: H }], 60);
    const { gray, ref } = await viaPdfJs(pdf);
    await expectPdfJsPixels((native) => viaStoredJpeg(pdf, ref, native), gray);
  });

  it('gives the pixels pdf.js gives for a grey JPEG whose sides are no whole blocks', async () => {
    // A scan's corner, 403×301: the decoder's 8×8 blocks are copied row by row, the last block of a row in part.
    const jpeg = readFileSync(join(projectRoot(), 'fixtures', 'images', 'grey-scan-crop.jpg'));
    const [w, h] = [403, 301];
    const pdf = imagePdf([{ jpeg, greyJpeg: true, width: w, height: h }], 60);
    const { gray, ref } = await viaPdfJs(pdf);
    const objects = PdfObjects.open(new Uint8Array(pdf));
    const stored = objects && storedPageJpeg(objects, ref, (w * 72) / 60, (h * 72) / 60);
    expect(stored?.gray).toBe(true);
    await expectPdfJsPixels(async (native) => (await decodeStoredJpeg(stored!, native))?.data, gray);
  });

  it('…and from object streams, a predicted cross-reference stream and a JPEG inside Flate', async () => {
    const pdf = compressedPdf();
    const { gray, ref } = await viaPdfJs(pdf);
    expect(ref.num).toBe(3);
    await expectPdfJsPixels((native) => viaStoredJpeg(pdf, ref, native), gray);
  });

  it('leaves to pdf.js what it does not follow', async () => {
    const ref = { num: 3, gen: 0 };
    // A Decode array inverts or remaps the pixels; a form with images of its own may draw the page's scan.
    expect(await viaStoredJpeg(compressedPdf({ image: '/Decode [1 0 1 0 1 0]' }), ref)).toBeNull();
    expect(await viaStoredJpeg(compressedPdf({ form: '/XObject << /Im1 4 0 R >>' }), ref)).toBeNull();
    // A cross-reference offset that points at nothing: the reader gives up where pdf.js would rebuild the table.
    const broken = Buffer.from(compressedPdf().toString('latin1').replace(/startxref\n\d+/, 'startxref\n12'), 'latin1');
    expect(PdfObjects.open(new Uint8Array(broken))).toBeNull();
    const { gray } = await viaPdfJs(broken);
    expect(gray.length).toBe(W * H);
    // A JPEG whose frame is larger than its dictionary says is not decoded here (nothing is allocated for it).
    expect(jpegFrame(page.jpeg)).toEqual({ width: W, height: H, components: 3 });
    const bytes = new Uint8Array(page.jpeg);
    expect(await decodeStoredJpeg({ width: W, height: H, gray: false, colorTransform: -1, bytes })).not.toBeNull();
    expect(await decodeStoredJpeg({ width: W - 1, height: H, gray: false, colorTransform: -1, bytes })).toBeNull();
    // A colour JPEG its dictionary calls grey, and one cut short, are pdf.js's to read (its decoder's pixels).
    const own = await decodeStoredJpeg({ width: W, height: H, gray: false, colorTransform: -1, bytes }, false);
    expect(await decodeStoredJpeg({ width: W, height: H, gray: true, colorTransform: -1, bytes })).toBeNull();
    const cut = bytes.subarray(0, bytes.length - 200);
    const [nativeCut, ownCut] = await Promise.all([true, false].map((native) => decodeStoredJpeg({ width: W, height: H, gray: false, colorTransform: -1, bytes: cut }, native)));
    expect(ownCut?.data.length).toBe(W * H);
    expect(nativeCut?.data).toEqual(ownCut?.data);
    expect(own?.data.length).toBe(W * H);
    // No image at all in the page's resources.
    expect(await viaStoredJpeg(pdfFile(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R >>']), ref)).toBeNull();
  });
});
