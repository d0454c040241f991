// A scanned page made ready for OCR, the same way whether it came from a PDF or an image file: straightened, its
// bordered tables found (their rules erased, their grids kept on the page), and the stamp's ink dropped.
import { markTables } from '../layout/tables.js';
import type { Page } from '../model/document.js';
import type { Raster } from '../model/raster.js';
import { deskew } from './deskew.js';
import { dropStampInk } from './stamp.js';

export function prepareScan(page: Page, image: Raster): Raster {
  const { width, height } = image;
  const { gray, angle, runs } = deskew(image.data, width, height);
  if (angle) page.reason += `; straightened by ${angle}°`;
  page.straightened = { angle, turn: 0 };
  // Tables first: their thin rules are light grey, which the stamp's dropout would take for stamp ink.
  markTables(page, gray, width, height, runs);
  // The tables' rules, erased, only lightened some runs: their minima still bound them from below.
  dropStampInk(gray, width, height, runs);
  return { width, height, data: gray };
}
