// The layout's table finder on synthetic pages and word boxes: rules from pixels, grids from rules, words into
// cells, rows from words where a scan lost its rules, and the parser's reading of the marked rows.
import { describe, expect, it } from 'vitest';
import { findTables, rowsFromWords, tableLines, type PlacedWord } from '../src/layout/grid.js';
import { findRules, type Rule } from '../src/layout/ruling.js';
import { gridTables, gridTableTasks } from '../src/parse/gridTables.js';
import { linesOf, type TextItem } from '../src/ingest/pdfText.js';
import { lineOfWords, pageLines } from '../src/layout/page.js';

const W = 1000;
const H = 1400;

/** A white page with the given filled rectangles in black. */
function page(rects: [number, number, number, number][]): Uint8Array {
  const g = new Uint8Array(W * H).fill(255);
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) g.fill(0, y * W + x0, y * W + x1);
  return g;
}

const h = (y: number, x0 = 100, x1 = 900): Rule => ({ dir: 'h', x0, x1, y0: y, y1: y + 1 });
const v = (x: number, y0 = 200, y1 = 500): Rule => ({ dir: 'v', x0: x, x1: x + 1, y0, y1 });
const word = (text: string, x0: number, y0: number, w = 40, hh = 20): PlacedWord => ({ text, box: { x0, y0, x1: x0 + w, y1: y0 + hh } });

describe('ruling lines', () => {
  it('finds long thin runs, bridges small breaks, and leaves letters and filled areas alone', () => {
    const g = page([
      [100, 200, 480, 202], // a horizontal rule broken at 480–484 (a bitonal scan's break)
      [484, 200, 900, 202],
      [300, 210, 302, 500], // a vertical rule
      [100, 600, 900, 660], // a filled band: too thick for a rule
      [100, 700, 140, 730], // a letter-sized blot
    ]);
    const rules = findRules(g, W, H);
    expect(rules.filter((r) => r.dir === 'h')).toEqual([{ dir: 'h', x0: 100, x1: 899, y0: 200, y1: 201 }]);
    expect(rules.filter((r) => r.dir === 'v')).toEqual([{ dir: 'v', x0: 300, x1: 301, y0: 210, y1: 499 }]);
  });

  it('does not take a line of text for a rule: its ink is broken up', () => {
    const rects: [number, number, number, number][] = [];
    for (let x = 100; x < 900; x += 12) rects.push([x, 300, x + 6, 302]); // dense letters: half ink along the row
    expect(findRules(page(rects), W, H)).toEqual([]);
  });
});

describe('table grid', () => {
  const rules = [h(200), h(250), h(350), h(500), v(100), v(300), v(700), v(900)];

  it('makes rows between the rules that cross the table and cells between the uprights', () => {
    const [t] = findTables(rules, W, H);
    expect(t!.box).toEqual({ x0: 100.5, x1: 900.5, y0: 200, y1: 500 });
    expect(t!.rows).toEqual([200, 250.5, 350.5, 500]);
    expect(t!.cols[0]).toEqual([100.5, 300.5, 700.5, 900.5]);
  });

  it('puts words into their cells whatever order they come in, a cell\'s lines joined', () => {
    const [t] = findTables(rules, W, H);
    const words = [
      word('Sở', 320, 300), word('Tài', 360, 300), word('chính', 320, 270), // a wrapped cell, given out of order
      word('Nội', 120, 215), word('dung', 165, 215), word('Cơ', 320, 215), word('quan', 360, 215), word('Thời', 720, 215),
      word('Tháng', 720, 280), word('3/2026', 780, 280),
      word('Rà', 120, 400), word('soát', 150, 400),
    ];
    expect(tableLines(t!, words)).toEqual(['Nội dung | Cơ quan | Thời', ' | chính Sở Tài | Tháng 3/2026', 'Rà soát |  | ']);
  });

  it("keeps a dash on its printed line: a word's own height does not decide its line", () => {
    const [t] = findTables(rules, W, H);
    // "Giai đoạn 2026 - 2030" over two lines; letters with marks stand taller, the dash is 3 px high at mid-line.
    const words = [
      word('Giai', 720, 270, 40, 22), word('đoạn', 765, 266, 50, 26), word('2026', 820, 271, 45, 21),
      { text: '-', box: { x0: 868, y0: 280, x1: 876, y1: 283 } }, word('2030', 720, 301, 45, 21),
    ];
    expect(tableLines(t!, words)).toEqual([' |  | Giai đoạn 2026 - 2030']);
  });

  it('ignores a few upright strokes side by side (a handwritten signature)', () => {
    expect(findTables([h(200, 600, 700), v(600, 180, 260), v(640, 180, 260), v(690, 180, 260)], W, H)).toEqual([]);
  });

  it('finds rows from the words where only the top and bottom rules are left', () => {
    const [t] = findTables([h(200), h(500), v(100), v(300), v(900)], W, H);
    expect(t!.rowsFromText).toBe(true);
    // Lines 30 apart inside a row, 60 apart between rows.
    const words = [word('1', 120, 220), word('a', 320, 220), word('b', 320, 250), word('2', 120, 330), word('c', 320, 330), word('d', 320, 360)];
    expect(rowsFromWords(t!, words)).toEqual([200, 300, 500]);
    expect(tableLines(t!, words)).toEqual(['1 | a b', '2 | c d']);
  });
});

describe('rows whose rule between them a scan lost', () => {
  it('parts a ruled row that holds two row numbers, each on a line of its own, in the band free of words between them', () => {
    // A number column (100–160), the content (160–500) and a unit column; the rule between rows 1 and 2 is lost.
    const [t] = findTables([h(200), h(250), h(500), v(100), v(160), v(500), v(900)], W, H);
    expect(t!.numbers).toBeDefined();
    const words = [
      word('TT', 110, 215), word('Nội', 170, 215), word('Đơn', 520, 215),
      word('1', 120, 290), word('a', 170, 270), word('b', 170, 300), word('X', 520, 285),
      word('2', 120, 420), word('c', 170, 400), word('d', 170, 430), word('Y', 520, 415),
    ];
    expect(tableLines(t!, words)).toEqual(['TT | Nội | Đơn', '1 | a b | X', '2 | c d | Y']);
  });
});

describe('rows from the words of a table whose row rules were lost', () => {
  // A row-number column (x 100–160, under a tenth of the table), the content column, and a unit column at x 500.
  const [t] = findTables([h(200), h(500), v(100), v(160), v(500), v(900)], W, H);

  it('keeps lines that overlap a little (a centred cell a few pixels off) in one row', () => {
    // Each row: three content lines 8 px apart, and a unit's line overlapping the first two by a few pixels; 34 px
    // between the rows. Before, the overlaps (gaps under zero) set the line spacing, and a row's own lines, 8 px
    // apart, were parted as rows.
    const words = [
      word('1', 120, 237), word('a', 170, 210), word('X', 520, 225), word('b', 170, 238), word('c', 170, 266),
      word('2', 120, 347), word('d', 170, 320), word('Y', 520, 335), word('e', 170, 348), word('f', 170, 376),
    ];
    expect(tableLines(t!, words)).toEqual(['1 | a b c | X', '2 | d e f | Y']);
  });

  it('takes no line from a row number centred between the two lines of its row', () => {
    // Two-line rows, 20 px between their lines and 50 px between rows; each number, a little smaller than the
    // print, stands in its row's gap, 6 px under the first line. Taken for a line, it made that spacing the table's.
    const words = [
      word('1', 120, 236, 20, 16), word('a', 170, 210), word('b', 170, 250),
      word('2', 120, 346, 20, 16), word('c', 170, 320), word('d', 170, 360),
      word('3', 120, 456, 20, 16), word('e', 170, 430), word('f', 170, 470),
    ];
    expect(tableLines(t!, words)).toEqual(['1 | a b | ', '2 | c d | ', '3 | e f | ']);
  });
});

describe("a table's row numbers", () => {
  it('mends a number read as something else between its neighbours, and leaves one with no neighbour after it', () => {
    const [t] = findTables([h(200), h(260), h(320), h(380), h(440), h(500), v(100), v(160), v(900)], W, H);
    expect(t!.rowsFromText).toBeFalsy();
    const words = [
      word('10', 120, 220), word('a', 200, 220), word('1', 120, 280), word('b', 200, 280), word('12', 120, 340), word('c', 200, 340),
      word('ồ', 120, 400), word('d', 200, 400), word('x', 120, 460), word('e', 200, 460),
    ];
    expect(tableLines(t!, words)).toEqual(['10 | a', '11 | b', '12 | c', 'ồ | d', 'x | e']);
  });
});

describe('a table whose row rules were lost, with a heading across a group of its rows', () => {
  it('parts the rows beside a broken column rule, and keeps the heading across them one cell', () => {
    // The content | unit rule (x 500) stops at the heading's row (y 300–340) and starts again under it.
    const [t] = findTables([h(200), h(500), v(100), v(160), v(900), v(500, 200, 300), v(500, 340, 500)], W, H);
    expect(t!.rowsFromText).toBe(true);
    expect(t!.cols[0]).toEqual([100.5, 160.5, 500.5, 900.5]);
    const words = [word('1', 120, 220), word('Tuyên', 170, 220), word('Công', 520, 220), word('an', 570, 220), word('CÔNG', 200, 310), word('TÁC', 250, 310), word('KIỂM', 520, 310), word('2', 120, 400), word('Tuần', 170, 400), word('Thanh', 520, 400)];
    expect(tableLines(t!, words)).toEqual(['1 | Tuyên | Công an', ' | CÔNG TÁC KIỂM', '2 | Tuần | Thanh']);
  });
});

describe('marked tables in the parser', () => {
  it('reads a task table by its header, across a repeated header, and no task from a table of figures', () => {
    const lines = [
      'TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian',
      '1 | Tổ chức hội nghị | Sở Tài chính | Các sở, ban, ngành | Quý II/2026',
      'Trang 2',
      'TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian',
      '| Kiểm tra, giám sát | Thanh tra tỉnh | | Thường xuyên',
      'Tổng cộng | | | |',
      'Căn cứ kết quả …',
      'TT | Chỉ tiêu | Đơn vị tính | Kế hoạch',
      '1 | Số hộ thoát nghèo | Hộ | 420',
    ];
    const tables = gridTables(lines);
    expect(tables).toHaveLength(2);
    const tasks = gridTableTasks(tables[0]!)!;
    expect(tasks.map((t) => [t.content, t.lead, t.support, t.timeline?.text])).toEqual([
      ['Tổ chức hội nghị', ['Sở Tài chính'], ['Các sở, ban, ngành'], 'Quý II/2026'],
      ['Kiểm tra, giám sát', ['Thanh tra tỉnh'], [], 'Thường xuyên'],
    ]);
    expect(gridTableTasks(tables[1]!)).toBeNull();
  });
});

describe('rows a poor scan split', () => {
  it('puts the lower part of a row back on it: no number of its own (or work in small letters) and no time', () => {
    const numbered = [
      'TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian',
      '1 | Số hóa hồ sơ, kết quả giải quyết thủ tục | Sở Khoa học và | UBND các xã, | Năm 2026',
      '| hành chính còn hiệu lực | Công nghệ | phường |',
      '2 | Tập huấn kỹ năng | Sở Nội vụ | | Tháng 10/2026',
      '| Nhóm nhiệm vụ về chuyển đổi số | | |',
    ];
    const read = (lines: string[]) => gridTableTasks(gridTables(lines)[0]!)!.map((t) => [t.content, t.lead, t.support]);
    const whole = [
      ['Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực', ['Sở Khoa học và Công nghệ'], ['UBND các xã, phường']],
      ['Tập huấn kỹ năng', ['Sở Nội vụ'], []],
    ];
    // A group's heading (one cell filled) is no part of the row above, and no task.
    expect(read(numbered)).toEqual(whole);
    // The numbers lost to the scan, and its "TT" read "TI": the work going on in small letters tells.
    expect(read(numbered.slice(0, 4).map((l) => l.replace(/^\d \|/, '|').replace(/^TT/, 'TI')))).toEqual(whole);
  });
});

describe("a task table's groups", () => {
  it('takes no task from a heading across a group of rows, and joins a time cell split with its row', () => {
    const lines = [
      'TT | Nhiệm vụ | Cơ quan, đơn vị chủ trì | Cơ quan, đơn vị phối hợp | Thời gian thực hiện',
      'I | CÔNG TÁC TUYÊN TRUYỀN | | |',
      '1 | Tuyên truyền Luật Giao thông | Công an xã | | Thường xuyên',
      '| CÔNG TÁC TUẦN TRA | | |',
      '2 | Giải tỏa hành lang an toàn giao thông tại | Công chức Địa | Công an xã; | Trước ngày',
      '| các điểm họp chợ | chính - Xây dựng | Trưởng các thôn | 30/11/2026',
    ];
    expect(gridTableTasks(gridTables(lines)[0]!)!.map((t) => [t.content, t.lead, t.support, t.timeline?.end ?? null])).toEqual([
      ['Tuyên truyền Luật Giao thông', ['Công an xã'], [], null],
      ['Giải tỏa hành lang an toàn giao thông tại các điểm họp chợ', ['Công chức Địa chính - Xây dựng'], ['Công an xã', 'Trưởng các thôn'], '2026-11-30'],
    ]);
  });
});

describe('turned pages', () => {
  it('turns a table\'s rules with its page, so the table is found again upright', async () => {
    const { turnRules } = await import('../src/layout/tables.js');
    // A table drawn on a page lying sideways (1400 wide, 1000 high): its row rules stand upright.
    const sideways: Rule[] = [v(200, 100, 900), v(250, 100, 900), v(350, 100, 900), v(500, 100, 900), h(100, 200, 500), h(300, 200, 500), h(700, 200, 500), h(900, 200, 500)];
    const upright = turnRules(sideways, 90, 1400, 1000);
    expect(upright.filter((r) => r.dir === 'h')).toHaveLength(4);
    const [t] = findTables(upright, 1000, 1400);
    expect(t!.rows).toHaveLength(4);
    expect(t!.cols[0]).toHaveLength(4);
  });
});

describe('the parser judging its output', () => {
  it('warns once where sibling headings do not run on, and not for parts lettered A. … I.', async () => {
    const { sectionOrderWarnings } = await import('../src/parse/judge.js');
    const s = (label: string, children: ReturnType<typeof s>[] = []) => ({ label, heading: `h${label}`, level: 1, text: '', children });
    const w = sectionOrderWarnings([s('I', [s('1'), s('2'), s('2'), s('3')]), s('II', [s('5'), s('1'), s('7')]), s('IV')]);
    expect(w.map((x) => x.message)).toEqual([
      'section I/2 "h2" follows I/2: a heading may be misread or missing',
      'section II/1 "h1" follows II/5: a heading may be misread or missing',
      'section IV "hIV" follows II: a heading may be misread or missing',
    ]);
  });
});

describe('line boxes for the plan', () => {
  /** The box round the ink of a raster, in its pixels. */
  function inkBox(r: { width: number; height: number; data: Uint8Array }) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
    for (let y = 0; y < r.height; y++)
      for (let x = 0; x < r.width; x++)
        if (r.data[y * r.width + x]! < 128) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
    return { x0, y0, x1, y1 };
  }

  it('takes a box read on a straightened, turned image back to where the source shows it', async () => {
    const { rotateGray } = await import('../src/ingest/deskew.js');
    const { turnRaster } = await import('../src/model/raster.js');
    const { toPageFractions } = await import('../src/layout/pageFrame.js');
    const [w, h] = [300, 200];
    // A "line of print" in the source, off centre.
    const data = new Uint8Array(w * h).fill(255);
    for (let y = 40; y < 52; y++) for (let x = 30; x < 150; x++) data[y * w + x] = 0;
    for (const angle of [0, 2.5, -1.5])
      for (const turn of [0, 90, 180, 270]) {
        // What the OCR saw: the page straightened by `angle`, then turned.
        const seen = turnRaster({ width: w, height: h, data: angle ? rotateGray(data, w, h, angle) : data }, turn);
        const back = toPageFractions(inkBox(seen), { width: w, height: h }, { angle, turn });
        // The box found again holds the source's line and is not much bigger (a turned box's corners stick out).
        const slack = 0.012 + Math.abs(Math.sin((angle * Math.PI) / 180)) * 0.5;
        expect(back.x0, `${angle}° ${turn}°`).toBeLessThanOrEqual(30 / w + 0.01);
        expect(back.x1).toBeGreaterThanOrEqual(150 / w - 0.01);
        expect(back.y0).toBeLessThanOrEqual(40 / h + 0.01);
        expect(back.y1).toBeGreaterThanOrEqual(52 / h - 0.01);
        expect(back.x0).toBeGreaterThan(30 / w - slack);
        expect(back.y1).toBeLessThan(52 / h + slack);
      }
  });
});

describe('text layer lines', () => {
  const item = (str: string, x: number, y: number, size = 13, width = 6 * str.length): TextItem => ({ str, x, y, width, size });

  it('keeps a raised marker on its line as a superscript, and sets a footnote in smaller type apart', () => {
    const items = [
      item('khởi nghĩa tháng 8/1945', 85, 500), item('1', 224, 504.5, 7.5, 4), item('; những kết quả nổi', 229, 500),
      item('bật trong phát triển.', 85, 482),
      item('1', 85, 72, 10.5, 5), item('Ngày 23/8/1945, hơn 3.000 quần chúng', 102, 72, 10.5),
      item('2', 85, 58, 8, 4), item('Theo Quyết định số 342-QĐ/TW.', 92, 54.2, 10),
    ];
    expect(linesOf(items)).toEqual([
      'khởi nghĩa tháng 8/1945¹; những kết quả nổi',
      'bật trong phát triển.',
      '',
      '1 Ngày 23/8/1945, hơn 3.000 quần chúng',
      '',
      '² Theo Quyết định số 342-QĐ/TW.',
    ]);
  });
});

describe('footnotes on a scanned page', () => {
  /** A line of words 60 px apart from x = 100, each `h` high, at y. */
  const line = (texts: string[], y: number, h: number) =>
    lineOfWords(texts.map((text, k) => ({ text, confidence: 90, bbox: { x0: 100 + 60 * k, y0: y, x1: 150 + 60 * k, y1: y + h } })), 90);
  const body = (y: number) => line(['các', 'cơ', 'quan', 'thực', 'hiện', 'nghiêm', 'túc.'], y, 40);

  it('sets a marked line of small type at the foot apart, its marker written as a superscript', () => {
    const page = [body(100), body(160), body(220), line(['Ì', 'Theo', 'Quyết', 'định', 'số', '342-QĐ/TW.'], 400, 30), line(['2', 'Quý', 'I/2026,', 'có', '03/21', 'chi', 'bộ.'], 440, 31)];
    expect(pageLines(page).map((l) => l.text)).toEqual([
      'các cơ quan thực hiện nghiêm túc.', 'các cơ quan thực hiện nghiêm túc.', 'các cơ quan thực hiện nghiêm túc.',
      '', '¹ Theo Quyết định số 342-QĐ/TW.', '', '² Quý I/2026, có 03/21 chi bộ.',
    ]);
  });

  it('leaves a numbered line of body type, or one above the body, as it is', () => {
    const page = [line(['1', 'Tổ', 'chức', 'hội', 'nghị', 'sơ', 'kết.'], 100, 30), body(160), body(220), line(['2', 'Tổ', 'chức', 'tập', 'huấn.'], 300, 40)];
    expect(pageLines(page).map((l) => l.text)).toEqual(['1 Tổ chức hội nghị sơ kết.', 'các cơ quan thực hiện nghiêm túc.', 'các cơ quan thực hiện nghiêm túc.', '2 Tổ chức tập huấn.']);
  });
});
