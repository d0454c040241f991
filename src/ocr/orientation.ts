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

/** Reads the image upright and, when that reads badly, turned; returns the best reading and its turn. */
export async function readUpright<R extends { confidence: number }>(
  png: Uint8Array,
  read: (png: Uint8Array) => Promise<R>,
): Promise<{ result: R; turn: number }> {
  let best = { result: await read(png), turn: 0 };
  if (best.result.confidence >= TURN_BELOW) return best;
  for (const turn of TURNS) {
    const result = await read(await turnImage(png, turn));
    if (result.confidence > best.result.confidence) best = { result, turn };
    if (best.result.confidence >= GOOD_ENOUGH) break;
  }
  return best;
}
