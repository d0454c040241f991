// Pages fed sideways or upside down. tesseract reads a page the wrong way round as garbage with a low mean
// confidence, so a page that reads badly is read again turned 180°, 90° and 270°, and the best reading is kept
// (the check OCRmyPDF's --rotate-pages makes with tesseract's orientation detection, here with the recogniser
// itself: the Vietnamese LSTM model has no separate orientation model). A page that reads well costs nothing.
import { createCanvas, loadImage } from '@napi-rs/canvas';

/** Below this mean confidence a page may be turned; an upright page of print reads at 75–95. */
export const TURN_BELOW = 60;
/** A turned reading this good ends the search. */
const GOOD_ENOUGH = 75;

export const TURNS = [180, 90, 270] as const;

/** The image turned clockwise by a multiple of 90°, as PNG. */
export async function turnImage(png: Uint8Array, degrees: number): Promise<Uint8Array> {
  const img = await loadImage(Buffer.from(png));
  const sideways = degrees % 180 !== 0;
  const canvas = createCanvas(sideways ? img.height : img.width, sideways ? img.width : img.height);
  const ctx = canvas.getContext('2d');
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.drawImage(img, -img.width / 2, -img.height / 2);
  return canvas.toBuffer('image/png');
}

/** Most words of three letters or more stand taller than wide: the print runs up and down, the page lies sideways. */
export function readsSideways(words: { text: string; bbox: { x0: number; y0: number; x1: number; y1: number } }[]): boolean {
  const long = words.filter((w) => w.text.replace(/[^\p{L}]/gu, '').length >= 3);
  const tall = long.filter((w) => w.bbox.y1 - w.bbox.y0 > w.bbox.x1 - w.bbox.x0);
  return long.length >= 10 && tall.length > 0.5 * long.length;
}

/**
 * Reads the image upright and, when that reads badly or sideways (tesseract reads a sideways page's print
 * well enough, but as columns of words standing on end), turned; returns the best reading, its turn and image.
 */
export async function readUpright<R extends { confidence: number; lines: { words: Parameters<typeof readsSideways>[0] }[] }>(
  png: Uint8Array,
  read: (png: Uint8Array) => Promise<R>,
): Promise<{ result: R; turn: number; png: Uint8Array }> {
  let best = { result: await read(png), turn: 0, png };
  if (readsSideways(best.result.lines.flatMap((l) => l.words))) {
    // One of the quarter turns is upright; the better reading tells which.
    const reads = await Promise.all(
      [90, 270].map(async (turn) => {
        const turned = await turnImage(png, turn);
        return { result: await read(turned), turn, png: turned };
      }),
    );
    return reads[0]!.result.confidence >= reads[1]!.result.confidence ? reads[0]! : reads[1]!;
  }
  if (best.result.confidence >= TURN_BELOW) return best;
  for (const turn of TURNS) {
    const turned = await turnImage(png, turn);
    const result = await read(turned);
    if (result.confidence > best.result.confidence) best = { result, turn, png: turned };
    if (best.result.confidence >= GOOD_ENOUGH) break;
  }
  return best;
}
