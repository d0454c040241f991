// Pages fed sideways or upside down. tesseract reads a page the wrong way round as garbage with a low mean
// confidence, so a page that reads badly is read again turned 180°, 90° and 270°, and the best reading is kept
// (the check OCRmyPDF's --rotate-pages makes with tesseract's orientation detection, here with the recogniser
// itself: the Vietnamese LSTM model has no separate orientation model). A page that reads well costs nothing.
import { turnRaster, type Raster } from '../model/raster.js';

/** Below this mean confidence a page may be turned; an upright page of print reads at 75–95. */
export const TURN_BELOW = 60;
/** A turned reading this good ends the search. */
const GOOD_ENOUGH = 75;

export const TURNS = [180, 90, 270] as const;

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
  image: Raster,
  read: (image: Raster) => Promise<R>,
): Promise<{ result: R; turn: number; image: Raster }> {
  let best = { result: await read(image), turn: 0, image };
  if (readsSideways(best.result.lines.flatMap((l) => l.words))) {
    // One of the quarter turns is upright; the better reading tells which.
    const reads = await Promise.all(
      [90, 270].map(async (turn) => {
        const turned = turnRaster(image, turn);
        return { result: await read(turned), turn, image: turned };
      }),
    );
    return reads[0]!.result.confidence >= reads[1]!.result.confidence ? reads[0]! : reads[1]!;
  }
  if (best.result.confidence >= TURN_BELOW) return best;
  for (const turn of TURNS) {
    const turned = turnRaster(image, turn);
    const result = await read(turned);
    if (result.confidence > best.result.confidence) best = { result, turn, image: turned };
    if (best.result.confidence >= GOOD_ENOUGH) break;
  }
  return best;
}
