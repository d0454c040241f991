import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../src/parse/periods.js';

// The normalisation table of CONTRACT.md, row by row.
const TABLE: [string, string | null, string | null, boolean][] = [
  ['Quý IV/2025', '2025-10-01', '2025-12-31', false],
  ['quý IV năm 2025', '2025-10-01', '2025-12-31', false],
  ['Trong Quý II, III/2025', '2025-04-01', '2025-09-30', false],
  ['Tháng 8/2025', '2025-08-01', '2025-08-31', false],
  ['Năm 2025', '2025-01-01', '2025-12-31', false],
  ['Trong năm 2025', '2025-01-01', '2025-12-31', false],
  ['6 tháng cuối năm 2025', '2025-07-01', '2025-12-31', false],
  ['6 tháng đầu năm 2026', '2026-01-01', '2026-06-30', false],
  ['giai đoạn 2025 - 2030', '2025-01-01', '2030-12-31', false],
  ['năm 2027-2028', '2027-01-01', '2028-12-31', false],
  ['Trước ngày 15/12/2026', null, '2026-12-15', false],
  ['Thường xuyên', null, null, true],
  ['Thường xuyên trong năm 2025', '2025-01-01', '2025-12-31', true],
  ['Tháng 8/2025 - Tháng 12/2025', '2025-08-01', '2025-12-31', false],
  ['Quý I/2025 - Quý IV/2025', '2025-01-01', '2025-12-31', false],
  ['Tháng 2/2024', '2024-02-01', '2024-02-29', false],
  ['Từ ngày 01/6/2026 đến 30/11/2026', '2026-06-01', '2026-11-30', false],
  ['Từ ngày 15/3/2026 đến hết năm 2026', '2026-03-15', '2026-12-31', false],
  ['Từ tháng 6 đến hết tháng 12/2026', '2026-06-01', '2026-12-31', false],
  ['Quý I và Quý II/2026', '2026-01-01', '2026-06-30', false],
  ['Tháng 11 và 12/2025', '2025-11-01', '2025-12-31', false],
  ['Tháng 3/2026 và tháng 9/2026', '2026-03-01', '2026-09-30', false],
  // a first day printed without its year takes the end's (the year before, where it would come after the end)
  ['Từ ngày 01/3 đến ngày 30/4/2026', '2026-03-01', '2026-04-30', false],
  ['Từ 01/12 đến 31/01/2027', '2026-12-01', '2027-01-31', false],
  ['Ngày 01 và 02/6/2026', '2026-06-01', '2026-06-02', false],
  ['Ngày 15-17/8/2026', '2026-08-15', '2026-08-17', false],
  ['Trước 30/6/2026', null, '2026-06-30', false],
  ['Trước ngày 15 tháng 12 năm 2026', null, '2026-12-15', false],
  // a dash that lost its space to the typist or the OCR
  ['Tháng 5/2027 -Tháng 6/2027', '2027-05-01', '2027-06-30', false],
  ['Quý I-Quý II/2026', '2026-01-01', '2026-06-30', false],
  ['Quý IV/2025 - Quý I/2026', '2025-10-01', '2026-03-31', false],
];

describe('periods', () => {
  it.each(TABLE)('%s', (text, start, end, recurring) => {
    const t = parsePeriod(text);
    expect(t).not.toBeNull();
    expect([t!.start, t!.end, t!.recurring]).toEqual([start, end, recurring]);
    expect(t!.text).toBe(text);
  });

  it('"Từ ngày ban hành đến hết năm 2026" starts on the document date', () => {
    expect(parsePeriod('Từ ngày ban hành đến hết năm 2026', '2026-03-12')).toMatchObject({ start: '2026-03-12', end: '2026-12-31' });
    expect(parsePeriod('Từ ngày ban hành Kế hoạch đến hết năm 2026', '2026-03-12')).toMatchObject({ start: '2026-03-12', end: '2026-12-31' });
  });

  it('reads a period whose marks the OCR lost', () => {
    expect(parsePeriod('Quy III/2025')).toMatchObject({ start: '2025-07-01', end: '2025-09-30' });
    // A stroke of the numeral read as J or |: still Quý III.
    expect(parsePeriod('Quý IJI/2028')).toMatchObject({ start: '2028-07-01', end: '2028-09-30' });
    expect(parsePeriod('Quý I|/2026')).toMatchObject({ start: '2026-04-01', end: '2026-06-30' });
    // Two strokes whose serifs touched read as an H: "1H" is Quý III.
    expect(parsePeriod('Trong Quý 1H, IV/2025')).toMatchObject({ start: '2025-07-01', end: '2025-12-31' });
    expect(parsePeriod('Quý H/2026')).toMatchObject({ start: '2026-04-01', end: '2026-06-30' });
    expect(parsePeriod('Quý HH/2026')).toMatchObject({ start: '2026-01-01', end: '2026-12-31' }); // no quarter: the year
    // a stroke read as T; "TH" is Quý III
    expect(parsePeriod('Trong Quý II, TH/2025')).toMatchObject({ start: '2025-04-01', end: '2025-09-30' });
    // a space inside the month
    expect(parsePeriod('Trước ngày 30/1 1/2026')).toMatchObject({ start: null, end: '2026-11-30' });
  });

  it('returns null for text that names no period', () => {
    expect(parsePeriod('Phòng Văn hóa và Thông tin')).toBeNull();
    // Four digits no year could be (a smudge in a table cell read as digits).
    expect(parsePeriod('eee ta 5100')).toBeNull();
    expect(parsePeriod('Năm 2026')).toMatchObject({ start: '2026-01-01', end: '2026-12-31' });
  });
});
