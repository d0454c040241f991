declare module 'pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs' {
  /** pdf.js's baseline and progressive JPEG decoder, as its image_decoders build exports it. */
  export class JpegImage {
    constructor(opts?: { decodeTransform?: Int32Array | null; colorTransform?: number });
    width: number;
    height: number;
    numComponents: number;
    parse(data: Uint8Array): void;
    getData(opts: { width: number; height: number; forceRGB?: boolean; forceRGBA?: boolean; isSourcePDF?: boolean }): Uint8Array | Uint8ClampedArray;
  }
  /** 0: errors only (the build warns on the console otherwise) */
  export function setVerbosityLevel(level: number): void;
}
