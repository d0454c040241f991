// @napi-rs/canvas (Skia), loaded without reading the system's fonts. At load it reads every font file installed
// (~0.1 CPU-s a run with the 250 of a Debian machine with fonts-liberation2, noto and dejavu), and only text drawn
// by name needs them: a PDF page rendered whose fonts are not embedded. pdf.js loads the package when it loads
// (for DOMMatrix, Path2D, ImageData), so this module is imported before pdf.js (pdfjs.ts), and every rendering of a
// page calls `withSystemFonts()` first. Decoding an image needs no fonts.
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Canvas = typeof import('@napi-rs/canvas');

/** Whoever set this wanted no system fonts at all (the package's own switch). */
const fontsRefused = process.env.DISABLE_SYSTEM_FONTS_LOAD !== undefined;

const canvas = loadWithoutFonts();
export const { createCanvas, loadImage } = canvas;

function loadWithoutFonts(): Canvas {
  // The switch is set only while the package loads, then taken back (child processes, and the user's own code,
  // see the environment they gave).
  if (!fontsRefused) process.env.DISABLE_SYSTEM_FONTS_LOAD = '1';
  try {
    return createRequire(import.meta.url)('@napi-rs/canvas') as Canvas;
  } finally {
    if (!fontsRefused) delete process.env.DISABLE_SYSTEM_FONTS_LOAD;
  }
}

let fontsRead = fontsRefused;

/** The system's fonts, read once, as the package reads them at load on Linux (before any page is rendered). */
export function withSystemFonts(): void {
  if (fontsRead) return;
  fontsRead = true;
  // (The package's own call at load; not in its typings. Pinned to a version that has it, but looked for.)
  const fonts = canvas.GlobalFonts as typeof canvas.GlobalFonts & { loadSystemFonts?: () => void };
  if (fonts.loadSystemFonts) fonts.loadSystemFonts();
  else for (const dir of ['/usr/share/fonts', '/usr/local/share/fonts']) fonts.loadFontsFromDir(dir);
  fonts.loadFontsFromDir(join(homedir(), '.fonts'));
}
