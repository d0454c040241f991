// pdf.js's legacy build (the one that runs on Node 20) carries core-js, and core-js swaps Array.prototype.push for
// a function of its own written in JavaScript (V8's push of nothing onto an array whose length is read-only does
// not throw, as the standard says it must). Every push in the process then runs 1.5–1.9× slower, and the repair of
// old OCR text 5–10 % slower in all. The builtin is kept here before pdf.js loads (import this module before pdf.js
// or pdf-parse) and put back once pdf.js and its worker module have run; their own pushes never meet the one case
// the swap is for.
const NATIVE_PUSH = Array.prototype.push;

/** Puts the engine's own Array.prototype.push back where a polyfill replaced it (cheap; call after loading pdf.js
 *  and after opening a document, which loads pdf.js's worker module). */
export function keepNativePush(): void {
  if (Array.prototype.push !== NATIVE_PUSH)
    Object.defineProperty(Array.prototype, 'push', { value: NATIVE_PUSH, writable: true, enumerable: false, configurable: true });
}
