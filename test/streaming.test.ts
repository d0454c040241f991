// Pages stream through the OCR: a page's image is read only when a worker is ready for it and let go when its
// words are in, so the pages in hand at once are bounded by the workers, not by the pages or the documents.
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/ingest.js';
import type { Doc } from '../src/model/document.js';
import { ocr } from '../src/ocr/ocr.js';
import { OcrPool } from '../src/ocr/pool.js';
import { SAMPLE_PLAN } from '../src/scripts/make-fixtures.js';
import { imagePdf, renderPage } from '../src/scripts/render.js';

const PAGES = 5;
const pdf = imagePdf(
  Array.from({ length: PAGES }, (_, i) => {
    const p = renderPage(SAMPLE_PLAN.slice(i * 3, i * 3 + 3), { dpi: 150 });
    return { jpeg: p.jpeg, width: p.width, height: p.height };
  }),
  150,
);

/** Counts a document's page images in hand: read from the source and not yet done. */
function watch(doc: Doc, inHand: { now: number; most: number; closed: number }) {
  const images = doc.images!;
  doc.images = {
    read: async (page) => {
      inHand.now++;
      inHand.most = Math.max(inHand.most, inHand.now);
      return images.read(page);
    },
    close: async () => {
      inHand.closed++;
      await images.close();
    },
  };
  return () => inHand.now--;
}

describe('streaming pages', () => {
  it('holds at most one page more than there are workers, across documents sharing the pool', async () => {
    const pool = new OcrPool({ jobs: 1 });
    const inHand = { now: 0, most: 0, closed: 0 };
    try {
      const docs = await Promise.all(['a.pdf', 'b.pdf'].map((name) => ingest(name, pdf)));
      // Ingest reads no image: every page waits for the OCR.
      for (const d of docs) expect(d.pages.map((p) => p.method)).toEqual(Array(PAGES).fill('ocr'));
      await Promise.all(docs.map((d) => ocr(d, pool, watch(d, inHand))));
      expect(inHand.most).toBeGreaterThan(0);
      expect(inHand.most).toBeLessThanOrEqual(pool.size + 1);
      // Each document's source is closed once, and nothing of its images stays on the document.
      expect(inHand.closed).toBe(2);
      for (const d of docs) {
        expect(d.images).toBeNull();
        expect(d.pages.every((p) => p.lines.length > 0 && p.tableRules === undefined)).toBe(true);
      }
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('stops reading a document after a page fails, and still closes its source', async () => {
    const pool = new OcrPool({ jobs: 1 });
    try {
      const doc = await ingest('broken.pdf', pdf);
      let reads = 0;
      let closed = 0;
      doc.images = {
        read: async () => {
          reads++;
          throw new Error('page unreadable');
        },
        close: async () => {
          closed++;
        },
      };
      await expect(ocr(doc, pool)).rejects.toThrow('page unreadable');
      expect(reads).toBeLessThan(PAGES);
      expect(closed).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
