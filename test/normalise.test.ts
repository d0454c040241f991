// The normalise stage's noise filter: what a scan's specks leave as lines, and what only looks like them.
import { describe, expect, it } from 'vitest';
import { isNoise, normaliseLine } from '../src/normalise/normalise.js';

describe('noise lines', () => {
  it('drops specks and stray letters, keeps list labels', () => {
    for (const t of ['.', '~ ,', 'Ể', 'ee', '3 ;']) expect(isNoise(t)).toBe(true);
    for (const t of ['a)', 'IV.', '12', 'đ)', 'Lưu', 'xã hội']) expect(isNoise(t)).toBe(false);
  });

  it('keeps a capital syllable wrapped under a line in capitals (an issuer\'s name), not one under text', () => {
    expect(isNoise('MỸ', 'TRƯỜNG TIỂU HỌC THẠNH')).toBe(false);
    expect(isNoise('MỸ', 'trường học')).toBe(true);
    expect(isNoise('MỸ', 'THẠNH')).toBe(true); // one word above: a speck's reading beside another
    expect(isNoise('XQ', 'TRƯỜNG TIỂU HỌC THẠNH')).toBe(true); // no syllable
  });
});

describe('line normalising', () => {
  it("writes an OCR's fraction or division slash as a slash", () => {
    expect(normaliseLine('Tháng 3\u20442027')).toBe('Tháng 3/2027');
    expect(normaliseLine('Quý IV\u22152025')).toBe('Quý IV/2025');
  });
});
