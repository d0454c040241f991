// pdf.js's legacy build brings core-js, which swaps Array.prototype.push for a slower one of its own in every process
// that loads it (util/nativePush.ts); the project puts the builtin back. Checked in a process of its own, as a user's
// would be: the library loaded, a scanned PDF read and its page images decoded (which loads pdf.js's worker module).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from './helpers.js';

describe('the builtin Array.prototype.push', () => {
  it('is still the engine’s own after the library reads a scanned PDF', async () => {
    const dist = (f: string) => JSON.stringify(pathToFileURL(resolve(ROOT, 'dist', f)).href);
    const pdf = JSON.stringify(resolve(ROOT, 'fixtures', 'scans', 'an-phu-plan.pdf'));
    const out = await runScript(`
      import { readFileSync } from 'node:fs';
      const builtin = Array.prototype.push;
      await import(${dist('index.js')});
      const { ingest } = await import(${dist('ingest/ingest.js')});
      const doc = await ingest(${pdf}, readFileSync(${pdf}));
      let read = 0;
      for (const p of doc.pages) if (p.method === 'ocr') { await doc.images.read(p); read++; }
      await doc.images?.close();
      console.log(JSON.stringify({ read, builtin: Array.prototype.push === builtin }));
    `);
    const { read, builtin } = JSON.parse(out) as { read: number; builtin: boolean };
    expect(read).toBeGreaterThan(0);
    expect(builtin).toBe(true);
  });
});
