import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../src/model/document.js';
import { readingOrder } from '../src/ocr/columns.js';

// Synthetic OCR lines: each part is (text, x of its first word); words 18 px a letter, 16 px apart.
function line(y: number, ...parts: [string, number][]): OcrLine {
  const words = parts.flatMap(([text, x]) => {
    let at = x;
    return text.split(' ').map((w) => {
      const bbox = { x0: at, y0: y, x1: at + w.length * 18, y1: y + 40 };
      at = bbox.x1 + 16;
      return { text: w, confidence: 90, bbox };
    });
  });
  const bbox = { x0: words[0]!.bbox.x0, y0: y, x1: words[words.length - 1]!.bbox.x1, y1: y + 40 };
  return { text: words.map((w) => w.text).join(' '), confidence: 90, bbox, words };
}

const BODY = line(900, ['- Các cơ quan, đơn vị triển khai thực hiện nghiêm túc Kế hoạch này, báo cáo kết quả về Ủy ban nhân dân xã.', 200]);

describe('reading order from word boxes', () => {
  it('reads a closing block and the attached plan\'s header right under it on the page as two blocks', () => {
    const lines = [
      BODY,
      line(1000, ['Nơi nhận:', 200], ['CHỦ TỊCH', 1400]),
      line(1050, ['- Như Điều 3;', 200]),
      line(1100, ['- Lưu: VT.', 200]),
      line(1250, ['Lê Văn Tâm', 1380]),
      line(1300, ['ỦY BAN NHÂN DÂN', 250], ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 1100]),
      line(1350, ['XÃ AN PHÚ', 330], ['Độc lập - Tự do - Hạnh phúc', 1250]),
      line(1450, ['KẾ HOẠCH', 1000]),
    ];
    expect(readingOrder(lines)).toEqual([
      BODY.text,
      // (one row of two columns is no block: the closing parser reads "Nơi nhận:" and a title on one line)
      'Nơi nhận: CHỦ TỊCH',
      '- Như Điều 3;',
      '- Lưu: VT.',
      'Lê Văn Tâm',
      'ỦY BAN NHÂN DÂN',
      'XÃ AN PHÚ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'KẾ HOẠCH',
    ]);
  });

  it('reads a two-column header column by column', () => {
    const lines = [
      line(100, ['ỦY BAN NHÂN DÂN', 250], ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 1100]),
      line(150, ['XÃ AN PHÚ', 330], ['Độc lập - Tự do - Hạnh phúc', 1250]),
      line(250, ['Số: 42/KH-UBND', 260], ['An Phú, ngày 12 tháng 3 năm 2026', 1180]),
      line(350, ['KẾ HOẠCH', 1000]),
      BODY,
    ];
    expect(readingOrder(lines)).toEqual([
      'ỦY BAN NHÂN DÂN',
      'XÃ AN PHÚ',
      'Số: 42/KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'An Phú, ngày 12 tháng 3 năm 2026',
      'KẾ HOẠCH',
      BODY.text,
    ]);
  });

  it('reads the closing block as the list of recipients, then the signature, lines of one column included', () => {
    const lines = [
      BODY,
      line(1000, ['Nơi nhận:', 200], ['TM. ỦY BAN NHÂN DÂN', 1300]),
      line(1050, ['- UBND huyện (b/c);', 200], ['CHỦ TỊCH', 1450]),
      line(1100, ['- Các thôn;', 200]),
      line(1150, ['- Lưu: VT.', 200], ['Trần Văn Bình', 1400]),
    ];
    expect(readingOrder(lines)).toEqual([BODY.text, 'Nơi nhận:', '- UBND huyện (b/c);', '- Các thôn;', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Trần Văn Bình']);
  });

  it('puts each part of a table line in the column it stands in, and leaves ordinary lines and one wide gap alone', () => {
    const lines = [
      line(100, ['TT', 200], ['Nội dung', 400], ['Cơ quan chủ trì', 1200], ['Thời gian', 1700]),
      line(150, ['1', 210], ['Tổ chức hội nghị', 400], ['Công an xã', 1200], ['Quý II/2026', 1700]),
      line(200, ['phổ biến pháp luật', 400], ['Các thôn', 1200]),
      BODY,
      line(1000, ['Trần Văn Bình', 200], ['0912 345 678', 1400]),
    ];
    expect(readingOrder(lines)).toEqual([
      'TT | Nội dung | Cơ quan chủ trì | Thời gian',
      '1 | Tổ chức hội nghị | Công an xã | Quý II/2026',
      // A cell's second line keeps its column: the empty cells say where it stands.
      ' | phổ biến pháp luật | Các thôn | ',
      BODY.text,
      'Trần Văn Bình 0912 345 678',
    ]);
  });

  it("starts a second table's grid at its own header when it follows the first directly", () => {
    const lines = [
      line(100, ['TT', 200], ['Nội dung', 400], ['Thời gian', 1700]),
      line(150, ['1', 210], ['Tổ chức hội nghị', 400], ['Quý II/2026', 1700]),
      line(200, ['STT', 200], ['Đơn vị', 700], ['Kinh phí', 1100], ['Ghi chú', 1500]),
      line(250, ['1', 210], ['Công an xã', 700], ['10 triệu', 1100], ['Quý III', 1500]),
      line(300, ['Thôn Đông', 700]),
    ];
    expect(readingOrder(lines)).toEqual([
      'TT | Nội dung | Thời gian',
      '1 | Tổ chức hội nghị | Quý II/2026',
      'STT | Đơn vị | Kinh phí | Ghi chú',
      '1 | Công an xã | 10 triệu | Quý III',
      ' | Thôn Đông |  | ',
    ]);
  });

  it('splits a header row whose left column runs up to the right one, and drops a rule and faint specks between them', () => {
    // "ỦY BAN NHÂN DÂN TỈNH AN GIANG" ends 56 px before "CỘNG HÒA" (3.5 word gaps: no wide gap), and its last word
    // wrapped to the next row, where the rule under the issuer was read as "— —" and a speck as "i".
    const first = line(100, ['ỦY BAN NHÂN DÂN TỈNH AN', 250], ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 710]);
    const second = line(150, ['i', 300], ['GIANG', 400], ['Độc lập - Tự do - Hạnh phúc', 1250]);
    second.words[0]!.confidence = 5;
    second.words[0]!.bbox.y0 = second.words[0]!.bbox.y1 - 8; // a speck at the foot of the row
    const rule = line(230, ['— —', 300], ['An Giang, ngày 12 tháng 3 năm 2026', 1180]);
    for (const w of rule.words.slice(0, 2)) w.bbox.y1 = w.bbox.y0 + 2;
    const lines = [first, second, line(190, ['SỞ NỘI VỤ', 330]), rule, line(280, ['Số: 42/KH-SNV', 260]), line(350, ['KẾ HOẠCH', 1000]), BODY];
    const order = readingOrder(lines);
    expect(order.slice(0, 4)).toEqual(['ỦY BAN NHÂN DÂN TỈNH AN', 'GIANG', 'SỞ NỘI VỤ', 'Số: 42/KH-SNV']);
    expect(order.slice(4, 7)).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'An Giang, ngày 12 tháng 3 năm 2026']);
    // A justified line of body text, its gaps stretched alike, is not split beside a two-column row.
    const stretched = line(860, ['Các cơ quan, đơn vị', 200]);
    let at = 200;
    for (const w of stretched.words) [w.bbox.x0, w.bbox.x1, at] = [at, at + (w.bbox.x1 - w.bbox.x0), at + (w.bbox.x1 - w.bbox.x0) + 50];
    const closing = [stretched, line(1000, ['Nơi nhận:', 200], ['KT. CHỦ TỊCH', 1300]), line(1050, ['- UBND huyện;', 200], ['PHÓ CHỦ TỊCH', 1300])];
    expect(readingOrder(closing)[0]).toBe(stretched.text);
  });
});
