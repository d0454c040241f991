// The canvas package reads every installed font file when it loads (~0.1 CPU-s a run); the project loads it without
// them and reads them only before a page is rendered (ingest/canvas.ts). Checked in a process of its own, as a
// user's would be: pdf.js and the library loaded, then the fonts asked for.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from './helpers.js';

describe('the system fonts', () => {
  it('are not read when the library loads, and are read before a page is rendered', async () => {
    const dist = (f: string) => JSON.stringify(pathToFileURL(resolve(ROOT, 'dist', f)).href);
    // The package's own switch unset, as in a user's environment.
    const userEnv = { ...process.env };
    delete userEnv.DISABLE_SYSTEM_FONTS_LOAD;
    const out = await runScript(`
      // pdf.js first (it loads the canvas package itself), then the rest of the library.
      await import(${dist('ingest/pdfjs.js')});
      await import(${dist('index.js')});
      const { withSystemFonts } = await import(${dist('ingest/canvas.js')});
      const { GlobalFonts } = await import('@napi-rs/canvas');
      const atLoad = GlobalFonts.families.length;
      const env = process.env.DISABLE_SYSTEM_FONTS_LOAD ?? null;
      withSystemFonts();
      console.log(JSON.stringify({ atLoad, env, after: GlobalFonts.families.length }));
    `, userEnv);
    const { atLoad, env, after } = JSON.parse(out) as { atLoad: number; env: string | null; after: number };
    expect(atLoad).toBe(0);
    // The switch used while loading is not left in the environment.
    expect(env).toBeNull();
    const installed = existsSync('/usr/share/fonts') && readdirSync('/usr/share/fonts', { recursive: true }).some((f) => /\.(ttf|otf)$/i.test(String(f)));
    if (installed) expect(after).toBeGreaterThan(0);
  });
});
