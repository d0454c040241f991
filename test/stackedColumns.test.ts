import { describe, expect, it } from 'vitest';
import type { DocLine } from '../src/model/document.js';
import { cutCells, unstackColumns } from '../src/parse/stackedColumns.js';
import { parseText } from '../src/parse/parseText.js';

const docLines = (text: string[]): DocLine[] => text.map((t) => ({ text: t, page: 1, box: null }));

// A three-row task table as an English-model OCR reads a ruled table: column after column, each cell a paragraph
// but not always (row 2's and row 3's work run together; the lead unit of row 3 has a blank inside it).
const STACKED = [
  'PHỤ LỤC',
  'DANH MỤC NHIỆM VỤ',
  '',
  'TT',
  '',
  '3',
  '',
  'Nội dung',
  '',
  'Tổ chức hội nghị triển khai kế hoạch đến',
  'các cơ quan, đơn vị',
  '',
  'Rà soát danh sách hộ nghèo trên địa bàn',
  'Xây dựng mô hình điểm về chuyển đổi số',
  'tại các thôn',
  '',
  'Cơ quan chủ trì',
  '',
  'Văn phòng',
  'Ủy ban nhân dân',
  '',
  'Phòng Văn hóa - Xã hội',
  '',
  'Ủy ban Mặt trận Tổ quốc Việt',
  '',
  'Nam xã',
  '',
  'Cơ quan phối hợp',
  '',
  'Các thôn;',
  'Công an xã',
  '',
  'Trạm Y tế xã',
  '',
  'Các thôn',
  '',
  'Thời gian',
  'hoàn thành',
  '',
  'Tháng',
  '3/2026',
  '',
  'Quý II/2026',
  '',
  'Năm 2026',
  '',
  'IV. TỔ CHỨC THỰC HIỆN',
];

describe('a table read column by column', () => {
  it('is put back in rows, numbered from 1 where only the last number was left, the text after it kept', () => {
    const { lines, rebuilt } = unstackColumns(docLines(STACKED));
    const out = lines.map((l) => l.text);
    expect(rebuilt).toEqual([{ line: 3, rows: 3 }]); // the header line, after the blank one
    expect(out.slice(0, 2)).toEqual(['PHỤ LỤC', 'DANH MỤC NHIỆM VỤ']);
    const rows = out.filter((l) => l.includes(' | '));
    expect(rows).toEqual([
      'TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành',
      '1 | Tổ chức hội nghị triển khai kế hoạch đến các cơ quan, đơn vị | Văn phòng Ủy ban nhân dân | Các thôn; Công an xã | Tháng 3/2026',
      '2 | Rà soát danh sách hộ nghèo trên địa bàn | Phòng Văn hóa - Xã hội | Trạm Y tế xã | Quý II/2026',
      '3 | Xây dựng mô hình điểm về chuyển đổi số tại các thôn | Ủy ban Mặt trận Tổ quốc Việt Nam xã | Các thôn | Năm 2026',
    ]);
    expect(out.at(-1)).toBe('IV. TỔ CHỨC THỰC HIỆN');
  });

  it("gives the plan its tasks, each with its units and period", () => {
    const plan = parseText(['ỦY BAN NHÂN DÂN XÃ AN BÌNH', 'Số: 12/KH-UBND', 'KẾ HOẠCH', 'Chuyển đổi số năm 2026', '', ...STACKED].join('\n'));
    expect(plan.tasks.map((t) => [t.content, t.lead, t.support, t.timeline?.end])).toEqual([
      ['Tổ chức hội nghị triển khai kế hoạch đến các cơ quan, đơn vị', ['Văn phòng Ủy ban nhân dân'], ['Các thôn', 'Công an xã'], '2026-03-31'],
      ['Rà soát danh sách hộ nghèo trên địa bàn', ['Phòng Văn hóa - Xã hội'], ['Trạm Y tế xã'], '2026-06-30'],
      ['Xây dựng mô hình điểm về chuyển đổi số tại các thôn', ['Ủy ban Mặt trận Tổ quốc Việt Nam xã'], ['Các thôn'], '2026-12-31'],
    ]);
    // and says where its rows were put back, for an archivist to check
    expect(plan.warnings.filter((w) => w.code === 'TABLE_TASKS').map((w) => w.message)).toEqual([expect.stringContaining('put back in 3 rows')]);
  });

  it('reads a table whose first column is the month and whose last, notes on a few rows, cannot be cut into rows', () => {
    const text = [
      'III. LỊCH CÔNG TÁC',
      '',
      'Tháng',
      '',
      'Tháng',
      '9/2026',
      '',
      'Tháng',
      '10/2026',
      '',
      'Nội dung công việc',
      '',
      'Khai giảng năm học mới; họp cha mẹ',
      'học sinh đầu năm',
      '',
      'Kiểm tra nội bộ đợt 1',
      '',
      'Ngu0i/Bộ phận', // a digit the old OCR read for a letter
      'thực hiện',
      '',
      'Hiệu trưởng; giáo viên',
      'chủ nhiệm',
      '',
      'Phó Hiệu trưởng',
      '',
      'Ghi chú',
      '',
      'Khai giảng ngày 05/9/2026',
    ];
    const out = unstackColumns(docLines(text)).lines.map((l) => l.text);
    expect(out.filter((l) => l.includes(' | '))).toEqual([
      'TT | Tháng | Nội dung công việc | Ngu0i/Bộ phận thực hiện',
      '1 | Tháng 9/2026 | Khai giảng năm học mới; họp cha mẹ học sinh đầu năm | Hiệu trưởng; giáo viên chủ nhiệm',
      '2 | Tháng 10/2026 | Kiểm tra nội bộ đợt 1 | Phó Hiệu trưởng',
    ]);
    expect(out.slice(-3)).toEqual(['Ghi chú', '', 'Khai giảng ngày 05/9/2026']);
  });

  it('leaves text with no such table as it is: a lone "Nội dung" heading, a task\'s fields set one under another', () => {
    const text = ['1. Nội dung', '', 'Nội dung', 'Tuyên truyền trên hệ thống loa.', '', 'Thời gian', 'Tháng 5/2026.'];
    expect(unstackColumns(docLines(text)).lines.map((l) => l.text)).toEqual(text);
    const fields = ['a) Tuyên truyền', 'Nội dung', 'Treo băng rôn, khẩu hiệu.', '', 'Phát thanh trên loa.', 'Cơ quan chủ trì', 'Phòng Văn hóa', 'Cơ quan phối hợp', 'UBND các xã', 'Thời gian', 'Quý II/2026'];
    expect(unstackColumns(docLines(fields)).lines.map((l) => l.text)).toEqual(fields);
  });

  it('cuts a time column into cells that are periods, a period wrapped over a blank line kept whole', () => {
    expect(cutCells(['Trong Quý II,', '', 'III/2026', '', 'Năm 2027'], 2, true)).toEqual(['Trong Quý II, III/2026', 'Năm 2027']);
    expect(cutCells(['Năm 2027'], 2, true)).toBeNull();
  });
});
