// The two OCR engines — tesseract.js (built in) and the system's tesseract (--engine tesseract) — read the same
// model and must give the same plan. `.ci/run` installs tesseract-ocr, so this runs in CI; elsewhere it is
// skipped when no tesseract binary is on the PATH.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/ingest.js';
import { ocr } from '../src/ocr/ocr.js';
import { OcrPool, type OcrEngineName } from '../src/ocr/pool.js';
import { parseTsv, TesseractCliEngine, tesseractVersion } from '../src/ocr/tesseractCli.js';
import { convert } from '../src/pipeline/convert.js';
import { tiffHeader, toTiff } from '../src/model/raster.js';
import UTIF from 'utif2';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SAMPLE_PLAN } from '../src/scripts/make-fixtures.js';
import { renderPage } from '../src/scripts/render.js';
import { ROOT } from './helpers.js';

const SCAN = resolve(ROOT, 'fixtures', 'scans', 'an-phu-plan.pdf');

async function pageLines(engine: OcrEngineName): Promise<string[]> {
  const pool = new OcrPool({ jobs: 1, engine });
  try {
    const doc = await ocr(await ingest(SCAN, readFileSync(SCAN)), pool);
    expect(doc.ocr!.engine).toMatch(engine === 'tesseract' ? /^tesseract \d/ : /^tesseract\.js \d/);
    return doc.pages.flatMap((p) => p.lines);
  } finally {
    await pool.close();
  }
}

describe('tesseract TSV', () => {
  it('makes lines of the words of each line, with boxes and the mean word confidence', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t1000\t1400\t-1\t',
      '4\t1\t1\t1\t1\t0\t100\t50\t300\t40\t-1\t',
      '5\t1\t1\t1\t1\t1\t100\t50\t120\t40\t90\tKẾ',
      '5\t1\t1\t1\t1\t2\t240\t52\t160\t38\t80\tHOẠCH',
      '4\t1\t1\t1\t2\t0\t100\t100\t50\t40\t-1\t',
      '5\t1\t1\t1\t2\t1\t100\t100\t50\t40\t95\t ',
      '4\t1\t1\t1\t3\t0\t100\t150\t200\t40\t-1\t',
      '5\t1\t1\t1\t3\t1\t100\t150\t200\t40\t70\tSố',
    ].join('\n');
    const page = parseTsv(tsv);
    expect(page.lines.map((l) => l.text)).toEqual(['KẾ HOẠCH', 'Số']);
    expect(page.lines[0]!.bbox).toEqual({ x0: 100, y0: 50, x1: 400, y1: 90 });
    expect(page.lines[0]!.words[1]).toEqual({ text: 'HOẠCH', confidence: 80, bbox: { x0: 240, y0: 52, x1: 400, y1: 90 } });
    expect(page.lines[0]!.confidence).toBe(85);
    expect(page.confidence).toBe(80);
  });
});

describe('page images for the engines', () => {
  it('are TIFF files a TIFF reader reads back pixel for pixel: 8-bit grey, uncompressed, no resolution', () => {
    const width = 37;
    const height = 5;
    const data = Uint8Array.from({ length: width * height }, (_, i) => (i * 7) % 256);
    const file = toTiff({ width, height, data });
    const [ifd] = UTIF.decode(file);
    UTIF.decodeImage(file, ifd!);
    expect([ifd!.width, ifd!.height, ifd!.t258, ifd!.t259, ifd!.t262, ifd!.t282]).toEqual([width, height, [8], [1], [1], undefined]);
    expect(Array.from(ifd!.data as Uint8Array)).toEqual(Array.from(data));
    expect(file.length).toBe(tiffHeader({ width, height, data }).length + data.length);
  });
});

describe.skipIf(!tesseractVersion())('--engine tesseract', () => {
  it('reads a scan as tesseract.js does: nearly every line the same, and the same plan', async () => {
    const [cli, js] = [await pageLines('tesseract'), await pageLines('tesseract.js')];
    const same = cli.filter((l, i) => l === js[i]).length;
    expect(cli.length).toBe(js.length);
    expect(same / js.length).toBeGreaterThanOrEqual(0.9);
    const [a, b] = await Promise.all([convert(SCAN, { jobs: 1, engine: 'tesseract' }), convert(SCAN, { jobs: 1 })]);
    expect(a.document).toEqual(b.document);
    expect(a.signature).toEqual(b.signature);
    expect(a.tasks.map((t) => [t.lead, t.support])).toEqual(b.tasks.map((t) => [t.lead, t.support]));
  }, 120_000);

  it('keeps a process a worker: each page whole and as a process per page reads it, no page file left', async () => {
    const pages = [0, 3].map((i) => {
      const p = renderPage(SAMPLE_PLAN.slice(i, i + 3), { dpi: 150 });
      return { width: p.width, height: p.height, data: p.grey };
    });
    const kept = new TesseractCliEngine(['vie'], 1);
    const once = new TesseractCliEngine(['vie'], 1, 'tesseract', false);
    const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith('vnplan-tesseract-'));
    const before = ours();
    try {
      // One process reads the pages in turn, the first again last: no page's rows run into the next's.
      const read = [];
      for (const page of [...pages, pages[0]!]) read.push(await kept.recognize(page));
      const alone = await Promise.all(pages.map((page) => once.recognize(page)));
      expect(read[0]!.lines.length).toBeGreaterThan(2);
      expect(read).toEqual([alone[0], alone[1], alone[0]]);
      // A page tesseract cannot read fails alone; the next page is read by a new process.
      await expect(kept.recognize({ width: 10, height: 10, data: new Uint8Array(0) })).rejects.toThrow(/tesseract failed/);
      expect(await kept.recognize(pages[1]!)).toEqual(alone[1]);
    } finally {
      await Promise.all([kept.close(), once.close()]);
    }
    expect(ours().filter((f) => !before.includes(f))).toEqual([]);
  }, 120_000);

  it('reads with a process a page where a kept process\'s rows do not come through as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnplan-test-'));
    // A tesseract whose kept process holds all it writes until it ends (as a statically linked binary's buffer
    // would, stdbuf notwithstanding); read a page at a time it answers as tesseract does.
    const bin = join(dir, 'tesseract');
    // It notes the environment it is given: one thread, and glibc's malloc keeping a page's images in its heap.
    writeFileSync(bin, '#!/bin/sh\necho "$OMP_THREAD_LIMIT $GLIBC_TUNABLES" > "$(dirname "$0")/env"\ncase "$*" in *stream_filelist=1*) tesseract "$@" | sort ;; *) exec tesseract "$@" ;; esac\n', { mode: 0o755 });
    const p = renderPage(SAMPLE_PLAN.slice(0, 3), { dpi: 150 });
    const page = { width: p.width, height: p.height, data: p.grey };
    const held = new TesseractCliEngine(['vie'], 1, bin, true, 1000);
    const once = new TesseractCliEngine(['vie'], 1, 'tesseract', false);
    try {
      const expected = await once.recognize(page);
      expect(expected.lines.length).toBeGreaterThan(2);
      expect(await held.recognize(page)).toEqual(expected);
      expect(await held.recognize(page)).toEqual(expected);
      expect(readFileSync(join(dir, 'env'), 'utf8')).toMatch(/^1 glibc\.malloc\.mmap_threshold=33554432:glibc\.malloc\.trim_threshold=\d+:glibc\.malloc\.hugetlb=1\n$/);
    } finally {
      await Promise.all([held.close(), once.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

