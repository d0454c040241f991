import { describe, expect, it } from 'vitest';
import { applyCase, isVietnameseSyllable, placeTone, stripMarks } from '../src/repair/vietnamese.js';

describe('Vietnamese orthography', () => {
  it('places tones in the style of government documents', () => {
    expect(placeTone('hoà')).toBe('hòa');
    expect(placeTone('thuỷ')).toBe('thủy');
    expect(placeTone('khoẻ')).toBe('khỏe');
    expect(placeTone('hoàng')).toBe('hoàng');
    expect(placeTone('quý')).toBe('quý');
    expect(placeTone('người')).toBe('người');
    expect(placeTone('khuyến')).toBe('khuyến');
    expect(placeTone('già')).toBe('già');
  });

  it('knows well-formed syllables', () => {
    for (const s of ['tuyên', 'truyền', 'nghiệp', 'khuya', 'quốc', 'gì', 'Đảng']) expect(isVietnameseSyllable(s), s).toBe(true);
    for (const s of ['tuyen', 'hoach', 'cac', 'ctia', 'chirc', 'xyz']) expect(isVietnameseSyllable(s), s).toBe(false);
  });

  it('strips every mark', () => {
    expect(stripMarks('Đảng ủy Phường')).toBe('Dang uy Phuong');
  });

  it('carries the OCR token case over to the repaired word', () => {
    expect(applyCase('kế', 'KE')).toBe('KẾ');
    expect(applyCase('kế', 'Ké')).toBe('Kế');
    expect(applyCase('đích', 'PiCH')).toBe('ĐÍCH');
    expect(applyCase('lý', '1y')).toBe('lý');
  });
});
