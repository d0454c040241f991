import { describe, expect, it } from 'vitest';
import { newDoc, type Page } from '../src/model/document.js';
import { normalise } from '../src/normalise/normalise.js';
import { parse } from '../src/parse/parse.js';
import { nameEditCost, PersonNameModel, PERSON_NAMES_FORMAT, personNames } from '../src/repair/personNames.js';

// A small made-up model: the counts are what matters, not the names.
const model = new PersonNameModel({
  format: PERSON_NAMES_FORMAT,
  sources: [],
  family: { Lý: 3000, Tạ: 300, Tô: 350, Mai: 900 },
  middle: { Công: 1500, Cộng: 2, Thu: 600, Thế: 800, Thư: 40, Bảo: 500 },
  given: { Hùng: 800, Hưng: 1200, Cường: 850, Nhàn: 40, Nhân: 500 },
  female: { Thu: 0.9, Thế: 0.05, Cường: 0.01, Hùng: 0.01 },
});

describe('person names', () => {
  it('costs a changed mark less than a changed letter', () => {
    expect(nameEditCost('Cổng', 'Công')).toBeLessThan(nameEditCost('Tý', 'Lý'));
    expect(nameEditCost('Dinh', 'Đinh')).toBe(nameEditCost('Cổng', 'Công'));
    expect(nameEditCost('Công', 'Công')).toBe(0);
    expect(nameEditCost('Nguyễn', 'Lý')).toBe(Infinity);
  });

  it('reads a word no name has in its place as the common one a mark or a letter away', () => {
    expect(model.mend(['Mai', 'Cổng', 'Hùng'])).toEqual(['Mai', 'Công', 'Hùng']);
    expect(model.mend(['Mai', 'Cộng', 'Hùng'])).toEqual(['Mai', 'Công', 'Hùng']);
    // A family name one letter off: the likeliest of those a letter away.
    expect(model.mend(['Tý', 'Thu', 'Công', 'Hùng'])).toEqual(['Lý', 'Thu', 'Công', 'Hùng']);
  });

  it('keeps a word names bear in its place, even a rarer one than its neighbour', () => {
    expect(model.mend(['Mai', 'Thư', 'Hùng'])).toEqual(['Mai', 'Thư', 'Hùng']);
    expect(model.mend(['Mai', 'Văn', 'Nhàn'])).toEqual(['Mai', 'Văn', 'Nhàn']);
    expect(model.mend(['Mai', 'Bảo', 'Hùng'])).toEqual(['Mai', 'Bảo', 'Hùng']);
  });

  it('weighs gender between middle and given names', () => {
    // "Tha" is a letter from both "Thu" and "Thế"; with a man's given name, "Thế".
    expect(model.mend(['Mai', 'Tha', 'Cường'])).toEqual(['Mai', 'Thế', 'Cường']);
  });

  it('leaves a two-word name whose first word is a middle name (its family name lost) alone', () => {
    expect(model.mend(['Công', 'Hùng'])).toEqual(['Công', 'Hùng']);
    expect(model.mend(['Hùng'])).toEqual(['Hùng']);
  });

  it('ships a model harvested from the corpus', () => {
    const m = personNames();
    // The commonest middle name, read with a wrong tone mark; a name read right stays as it is.
    expect(m.mend(['Nguyễn', 'Vằn', 'Hùng'])).toEqual(['Nguyễn', 'Văn', 'Hùng']);
    expect(m.mend(['Nguyễn', 'Văn', 'Hùng'])).toEqual(['Nguyễn', 'Văn', 'Hùng']);
    expect(m.mend(['Nguyễn', 'Văn', 'Xqzw'])).toEqual(['Nguyễn', 'Văn', 'Xqzw']);
  });

  it("mends the signer's name an OCR read, not a typeset or given text's", () => {
    const lines = [
      'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'XÃ AN BÌNH Độc lập - Tự do - Hạnh phúc',
      'Số: 7/KH-UBND An Bình, ngày 5 tháng 5 năm 2025',
      'KẾ HOẠCH',
      'Thực hành tiết kiệm năm 2025',
      '',
      'I. MỤC ĐÍCH',
      '- Tiết kiệm chi thường xuyên.',
      '',
      'Nơi nhận: TM. ỦY BAN NHÂN DÂN',
      '- Lưu: VT. CHỦ TỊCH',
      '',
      'Nguyễn Vằn Hùng',
    ];
    const nameOf = (page: Partial<Page>) => {
      const doc = newDoc('<test>', 'x', 'text');
      doc.pages = [{ number: 1, method: 'text', reason: 'test', lines, ...page }];
      return parse(normalise(doc)).plan?.signature.name;
    };
    expect(nameOf({ method: 'ocr' })).toBe('Nguyễn Văn Hùng');
    expect(nameOf({ method: 'text-layer' })).toBe('Nguyễn Văn Hùng');
    expect(nameOf({ method: 'text-layer', typeset: true })).toBe('Nguyễn Vằn Hùng');
    expect(nameOf({})).toBe('Nguyễn Vằn Hùng');
  });
});
