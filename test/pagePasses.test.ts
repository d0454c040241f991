// The passes over a scan page's pixels that take short cuts for speed: each must give what the plain pass gives.
import { describe, expect, it } from 'vitest';
import { deskew, rotateGray, skewAngle } from '../src/ingest/deskew.js';
import { RUN, runMinima } from '../src/model/runMinima.js';

/** A page of paper with a few skewed lines of "print", grey dots and some noise, deterministically. */
function page(width: number, height: number, degrees: number): Uint8Array {
  const data = new Uint8Array(width * height).fill(255);
  const slope = Math.tan((degrees * Math.PI) / 180);
  for (let line = 0; line < 8; line++)
    for (let x = 20; x < width - 20; x++) {
      if (x % 9 === 0) continue; // gaps between "letters"
      const y0 = Math.round(30 + line * 40 + x * slope);
      for (let y = y0; y < y0 + 6; y++) if (y >= 0 && y < height) data[y * width + x] = (x * 7 + y) % 60;
    }
  data[(height - 5) * width + 3] = 254;
  // A lone dot on each row, at every position in turn: in a run's first, middle and last bytes, at every alignment.
  for (let y = 0; y < height; y++) data[y * width + ((y * 5) % width)] = 128 + (y % 100);
  let seed = 7;
  for (let k = 0; k < 200; k++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[seed % data.length] = 200 + (seed % 50);
  }
  return data;
}

/** Each run's darkest pixel, the plain way. */
function plainMinima(gray: Uint8Array, width: number, height: number): Uint8Array {
  const across = Math.ceil(width / RUN);
  const min = new Uint8Array(across * height).fill(255);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) min[y * across + Math.floor(x / RUN)] = Math.min(min[y * across + Math.floor(x / RUN)]!, gray[y * width + x]!);
  return min;
}

describe('run minima', () => {
  it('are each run’s darkest pixel, whatever the row’s alignment in memory', () => {
    // An odd width puts rows at every byte alignment; the buffer is read at an offset of 0 and of 1 to 3.
    for (const [width, height] of [
      [421, 300],
      [448, 120],
    ] as const) {
      const gray = page(width, height, 1.2);
      for (const offset of [0, 1, 2, 3]) {
        const shifted = new Uint8Array(gray.length + offset);
        shifted.set(gray, offset);
        const view = shifted.subarray(offset);
        expect(Array.from(runMinima(view, width, height).min), `${width} px, offset ${offset}`).toEqual(Array.from(plainMinima(gray, width, height)));
      }
    }
  });
});

describe('straightening', () => {
  it('turns the page in its own buffer to the pixels rotateGray makes, with the turned page’s run minima', () => {
    const [width, height] = [421, 360];
    const gray = page(width, height, 1.5);
    const angle = skewAngle(gray, width, height);
    expect(Math.abs(angle)).toBeGreaterThan(1);
    const expected = rotateGray(gray, width, height, angle);
    const result = deskew(gray, width, height);
    expect(result.angle).toBe(angle);
    expect(result.gray).toBe(gray);
    expect(Buffer.from(result.gray).equals(Buffer.from(expected))).toBe(true);
    expect(Array.from(result.runs.min)).toEqual(Array.from(plainMinima(expected, width, height)));
  });

  it('turns a page larger than the last one (its copy grows), then a smaller one', () => {
    for (const [width, height] of [
      [300, 260],
      [520, 400],
      [310, 250],
    ] as const) {
      const gray = page(width, height, -2);
      const angle = skewAngle(gray, width, height);
      const expected = rotateGray(gray, width, height, angle);
      expect(Buffer.from(deskew(gray, width, height).gray).equals(Buffer.from(expected)), `${width}×${height}`).toBe(true);
    }
  });
});
