// pdf.js, as the rest of the project takes it: its legacy build (the one that runs on Node 20) and its image
// decoders, loaded with the engine's Array.prototype.push kept (util/nativePush.ts says why), and after canvas.ts, so
// that the canvas package pdf.js requires at its load is already loaded, without the system's fonts.
import { keepNativePush } from '../util/nativePush.js';
import './canvas.js';
import { getDocument, ImageKind, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { JpegImage, setVerbosityLevel } from 'pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs';

keepNativePush();
setVerbosityLevel(0);

export { ImageKind, JpegImage, OPS };

/** A PDF opened by pdf.js. Opening the first one loads pdf.js's worker module (in this thread), and with it core-js
 *  again: the builtin push is put back after it. */
export async function openDocument(params: Parameters<typeof getDocument>[0]) {
  try {
    return await getDocument(params).promise;
  } finally {
    keepNativePush();
  }
}
