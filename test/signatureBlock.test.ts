// The signature block's second reading on synthetic word boxes and a synthetic seal: where the block is, which
// rings are erased (and what print is left), and which reading of each row is kept.
import { describe, expect, it } from 'vitest';
import type { OcrLine, OcrWord } from '../src/model/document.js';
import type { Raster } from '../src/model/raster.js';
import { betterRows, eraseSeal, printOnly, rereadNameRow, rereadSignatureBlock, rereadTitleRow, signatureRegion, spliceRegion, voteName } from '../src/ocr/signatureBlock.js';

const W = 2480;
const H = 3508;

const word = (text: string, x0: number, y0: number, confidence = 95, w = 30 * text.length, h = 50): OcrWord => ({
  text,
  confidence,
  bbox: { x0, y0, x1: x0 + w, y1: y0 + h },
});
function line(...words: OcrWord[]): OcrLine {
  return {
    text: words.map((w) => w.text).join(' '),
    confidence: 90,
    words,
    bbox: { x0: words[0]!.bbox.x0, y0: Math.min(...words.map((w) => w.bbox.y0)), x1: words.at(-1)!.bbox.x1, y1: Math.max(...words.map((w) => w.bbox.y1)) },
  };
}

const closing = [
  line(word('Trên', 300, 2000), word('đây', 450, 2000)),
  line(word('Nơi', 300, 2300), word('nhận:', 400, 2300), word('T/M', 1560, 2300), word('BAN', 1680, 2300), word('THƯỜNG', 1800, 2300), word('VỤ', 2050, 2300)),
  line(word('-', 300, 2360), word('Ban', 330, 2360), word('Tổ', 440, 2360), word('chức', 520, 2360), word('(b/c),', 680, 2360), word('q', 1890, 2360, 93)),
  line(word('-', 300, 2420), word('Lưu', 330, 2420), word('VT.', 450, 2420)),
];

describe('signature block', () => {
  it('finds the block from its authority: right of the recipients, down a quarter of the page', () => {
    const r = signatureRegion(closing, W, H)!;
    expect(r.x0).toBeGreaterThan(860); // right of "(b/c)," (ends at 860)
    expect(r.x0).toBeLessThan(1560);
    expect(r.y0).toBeLessThan(2300);
    expect(r.y1).toBeCloseTo(2300 + 0.25 * H, 0);
    expect(r.x1).toBe(W);
  });

  it('finds it from "Nơi nhận" when the authority was lost, and not at all on a page without a closing block', () => {
    const lost = closing.map((l) => ({ ...l, words: l.words.filter((w) => w.bbox.x0 < 1500) }));
    expect(signatureRegion(lost, W, H)?.y0).toBeLessThan(2300);
    expect(signatureRegion([closing[0]!], W, H)).toBeNull();
  });

  it('erases a seal\'s rings and what lies inside its inner ring, and leaves the print across it, stems through the ring whole', () => {
    const data = new Uint8Array(W * H).fill(255);
    const cx = 1800;
    const cy = 2650;
    for (let y = cy - 260; y < cy + 260; y++)
      for (let x = cx - 260; x < cx + 260; x++) {
        const d = Math.hypot(x - cx, y - cy);
        // outer ring 226–234, inner ring 88–92, a star's blot inside it
        if ((d >= 226 && d <= 234) || (d >= 88 && d <= 92) || d < 40) data[y * W + x] = 0;
      }
    // a line of print across the seal's lower half (bars of a letter's height), and one outside it
    for (let x = 1600; x < 2000; x += 20) for (let y = 2780; y < 2830; y++) data.fill(0, y * W + x, y * W + x + 8);
    for (let x = 300; x < 700; x += 20) for (let y = 2780; y < 2830; y++) data.fill(0, y * W + x, y * W + x + 8);
    // a title's letters across the ring's top: stems through it
    for (let x = 1760; x < 1840; x += 20) for (let y = cy - 250; y < cy - 205; y++) data.fill(0, y * W + x, y * W + x + 8);
    const image = { width: W, height: H, data };
    const before = data.reduce((n, v) => n + (v === 0 ? 1 : 0), 0);
    expect(eraseSeal(image, { x0: 1000, y0: 2250, x1: W, y1: 3200 })).toBe(true);
    const at = (x: number, y: number) => data[y * W + x];
    expect(at(cx + 230, cy)).toBe(255); // outer ring
    expect(at(cx - 90, cy)).toBe(255); // inner ring
    expect(at(cx, cy)).toBe(255); // the star
    // the print across the seal keeps every bar but where the ring crossed it (two or so at each end)
    let kept = 0;
    for (let x = 1600; x < 2000; x += 20) if (at(x + 4, 2805) === 0) kept++;
    expect(kept).toBeGreaterThanOrEqual(15);
    expect(at(304, 2805)).toBe(0);
    // a stem goes on through the ring (ink past it on both sides): kept whole; the ring beside it erased
    for (let x = 1760; x < 1840; x += 20) expect(at(x + 4, cy - 230)).toBe(0);
    expect(at(1794, cy - 230)).toBe(255);
    expect(data.reduce((n, v) => n + (v === 0 ? 1 : 0), 0)).toBeLessThan(before);
  });

  it('finds no seal in print alone, and erases nothing', () => {
    const data = new Uint8Array(W * H).fill(255);
    for (let y = 2300; y < 3000; y += 60) for (let x = 1200; x < 2300; x += 20) for (let yy = y; yy < y + 40; yy++) data.fill(0, yy * W + x, yy * W + x + 8);
    const copy = data.slice();
    expect(eraseSeal({ width: W, height: H, data }, { x0: 1000, y0: 2250, x1: W, y1: 3200 })).toBe(false);
    expect(Buffer.compare(data, copy)).toBe(0); // (a deep toEqual of 8.7 M bytes takes a minute)
  });

  it('keeps, row by row, the second reading only where it reads clearly more, and puts the rows back beside the recipients', () => {
    const region = signatureRegion(closing, W, H)!;
    const again = [
      line(word('T/M', 1560, 2302, 91), word('BAN', 1680, 2302, 96), word('THƯỜNG', 1800, 2302, 96), word('VỤ', 2050, 2302, 96)),
      line(word('PHÓ', 1620, 2365, 91), word('BỊ', 1760, 2365, 80), word('THƯ', 1840, 2365, 91)),
      line(word('xx', 1700, 2700, 10)),
    ];
    const rows = betterRows(closing, again, region);
    // the authority's row reads the same both times (the first is kept), the title's row is the second's, and
    // the seal's strokes read with no confidence add no row
    expect(rows.map((l) => l.text)).toEqual(['T/M BAN THƯỜNG VỤ', 'PHÓ BỊ THƯ']);
    const spliced = spliceRegion(closing, rows, region);
    expect(spliced.map((l) => l.text)).toEqual(['Trên đây', 'Nơi nhận: T/M BAN THƯỜNG VỤ', '- Ban Tổ chức (b/c), PHÓ BỊ THƯ', '- Lưu VT.']);
  });

  it('takes a line the first reading broke in pieces side by side from the second, which read it whole', () => {
    // A seal's edge split "BAN": the first reading has "T/M BA" and "N THƯỜNG VỤ" side by side, each a line.
    const broken = [
      closing[0]!,
      line(word('Nơi', 300, 2300), word('nhận:', 400, 2300), word('T/M', 1560, 2306), word('BA', 1680, 2306)),
      line(word('N', 1741, 2300), word('THƯỜNG', 1800, 2300), word('VỤ', 2050, 2300)),
      ...closing.slice(2),
    ];
    const region = signatureRegion(broken, W, H)!;
    const again = [line(word('T/M', 1560, 2302, 91), word('BAN', 1680, 2302, 90), word('THƯỜNG', 1800, 2302, 96), word('VỤ', 2050, 2302, 96))];
    const rows = betterRows(broken, again, region);
    expect(rows[0]!.text).toBe('T/M BAN THƯỜNG VỤ');
    expect(spliceRegion(broken, rows, region)[1]!.text).toBe('Nơi nhận: T/M BAN THƯỜNG VỤ');
  });

  it('reads the title\'s row alone, cut out right under the authority, where neither reading has it', async () => {
    const region = signatureRegion(closing, W, H)!;
    const image = { width: W, height: H, data: new Uint8Array(W * H).fill(255) };
    const seen: Raster[] = [];
    // The engine as the strip would read it: words in the strip's own coordinates.
    const reads = (text: string, confidence: number) => async (img: Raster) => {
      seen.push(img);
      const words = text.split(' ').map((t, k) => word(t, 100 + 150 * k, 8, confidence));
      return { lines: words.length ? [line(...words)] : [], confidence };
    };
    const rows = betterRows(closing, [], region); // authority, and a speck where the title is
    const title = await rereadTitleRow(image, rows, region, reads('PHQ BỊ THƯ', 60));
    expect(seen[0]!.height).toBeLessThan(80); // one row, not the block
    expect(seen[0]!.width).toBeLessThan(W / 2);
    expect(title?.text).toBe('PHQ BỊ THƯ');
    // back in page coordinates: under the authority (2300–2350), inside the block
    expect(title!.bbox.y0).toBeGreaterThan(2340);
    expect(title!.bbox.y1).toBeLessThan(2430);
    expect(title!.bbox.x0).toBeGreaterThan(region.x0);
    // a strip that reads as no title, or only with no confidence, gives nothing
    expect(await rereadTitleRow(image, rows, region, reads('ẢY Ơ', 80))).toBeNull();
    expect(await rereadTitleRow(image, rows, region, reads('PHÓ BÍ THƯ', 20))).toBeNull();
    // A title set further down (a wider space under the authority): the strip is cut where its ink starts.
    const spaced = { width: W, height: H, data: new Uint8Array(W * H).fill(255) };
    for (let y = 2440; y < 2480; y++) spaced.data.fill(0, y * W + 1650, y * W + 1900);
    seen.length = 0;
    const far = await rereadTitleRow(spaced, rows, region, reads('PHÓ BÍ THƯ', 90));
    expect(seen[0]!.data.some((v) => v === 0)).toBe(true);
    expect(far!.bbox.y0).toBeGreaterThan(2420);
        // a title read already: no reading at all
    seen.length = 0;
    const read = [...rows, line(word('PHÓ', 1620, 2365), word('BÍ', 1760, 2365), word('THƯ', 1840, 2365))];
    expect(await rereadTitleRow(image, read, region, reads('PHÓ BÍ THƯ', 90))).toBeNull();
    expect(seen).toHaveLength(0);
    // A strip that reads as nothing is read again in a white margin, then cut at its letters' foot; the words come
    // back to the page's coordinates from the margin's.
    seen.length = 0;
    const lost = async (img: Raster) => {
      if (seen.length > 0) return reads('BÍ THƯ', 70)(img);
      seen.push(img);
      return { lines: [], confidence: 0 };
    };
    const padded = await rereadTitleRow(image, rows, region, lost);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.width).toBeGreaterThan(seen[0]!.width);
    expect(seen[1]!.height).toBeGreaterThan(seen[0]!.height);
    expect(padded?.text).toBe('BÍ THƯ');
    const margin = (seen[1]!.width - seen[0]!.width) / 2;
    expect(margin).toBeGreaterThan(0);
    expect(padded!.bbox.x0).toBe(title!.bbox.x0 - margin);
    expect(padded!.bbox.y0).toBe(title!.bbox.y0 - margin);
    seen.length = 0;
    expect(await rereadTitleRow(image, rows, region, async (img) => (seen.push(img), { lines: [], confidence: 0 }))).toBeNull();
    expect(seen).toHaveLength(3);
  });

  it('keeps a stroke\'s near-black core and its rim, and drops a stamp\'s mid grey that touches it', () => {
    // one row: paper, a stroke's rim (150), its core (20), a rim again, then stamp grey (110) running on from it
    const row = [255, 150, 20, 20, 150, 110, 110, 110, 110, 255];
    const out = printOnly({ width: row.length, height: 1, data: Uint8Array.from(row) }, 72, 1);
    expect([...out.data]).toEqual([255, 150, 20, 20, 150, 255, 255, 255, 255, 255]);
    // a wider reach keeps a blurred stroke's wider rim, and as much of a stamp that touches it
    expect([...printOnly({ width: row.length, height: 1, data: Uint8Array.from(row) }, 72, 2).data].slice(5, 7)).toEqual([110, 255]);
    expect([...printOnly({ width: 4, height: 1, data: Uint8Array.from([110, 110, 20, 255]) }, 72, 2).data]).toEqual([110, 110, 20, 255]);
  });

  it('votes a name word by word from several readings of its strip', () => {
    const at = (text: string, confidence: number, x0: number, x1: number) => word(text, x0, 0, confidence, x1 - x0);
    // the second word garbled in two readings, spelt once; the last one cut by a stroke into a letter and a rest
    const name = voteName([
      [at('Hoàng', 40, 0, 150), at("'†H", 35, 170, 240), at('Ngọc', 97, 260, 380), at('Lan', 96, 400, 480)],
      [at('Hoàng', 93, 0, 150), at("'Thị", 50, 165, 245), at('Ngọc', 93, 260, 380), at('Ì', 60, 400, 420), at('an', 61, 425, 480)],
      [at('Hoàng', 90, 5, 150), at('[h{', 39, 170, 240), at('Ngọc', 93, 260, 380), at('Lan', 90, 400, 480)],
    ]);
    expect(name?.map((w) => w.text)).toEqual(['Hoàng', 'Thị', 'Ngọc', 'Lan']);
    expect(name![0]!.bbox.x0).toBe(0); // round every reading of the word
    // a word that most readings saw and none spelt: the name's word a letter from one of them ("Fhị", a stroke
    // across the T's bar) where the person names know one, else no name rather than one cut short
    expect(voteName([[at('Trịnh', 90, 0, 120), at('FÀi', 55, 140, 200), at('Nhung', 95, 220, 340)], [at('Trịnh', 93, 0, 120), at('Fhị', 78, 140, 200), at('Nhung', 96, 220, 340)]])?.map((w) => w.text)).toEqual(['Trịnh', 'Thị', 'Nhung']);
    expect(voteName([[at('Trịnh', 90, 0, 120), at('Xqzw', 55, 140, 200), at('Nhung', 95, 220, 340)], [at('Trịnh', 93, 0, 120), at('[h{', 78, 140, 200), at('Nhung', 96, 220, 340)]])).toBeNull();
    // the block's own spelling stands where it spells a name's word, though the thinned readings agree on another;
    // but a name starts with a family name
    const own = voteName([
      [at('Xã', 88, 0, 60), at('Thị', 93, 80, 150), at('Phúc', 93, 170, 260)],
      [at('Võ', 93, 0, 60), at('Thị', 57, 80, 150), at('Phức', 89, 170, 260)],
      [at('Võ', 95, 0, 60), at('Thị', 90, 80, 150), at('Phức', 91, 170, 260)],
    ]);
    expect(own?.map((w) => w.text)).toEqual(['Võ', 'Thị', 'Phúc']);
    // a speck one reading saw is no word
    expect(voteName([[at('Lê', 90, 0, 60), at('Minh', 90, 80, 170)], [at('Lê', 90, 0, 60), at('5', 30, 190, 200), at('Minh', 90, 80, 170)], [at('Lê', 90, 0, 60), at('Minh', 90, 80, 170)]])?.map((w) => w.text)).toEqual(['Lê', 'Minh']);
  });

  it('reads a garbled name\'s row again alone and puts the voted name in its place', async () => {
    const region = signatureRegion(closing, W, H)!;
    const image = { width: W, height: H, data: new Uint8Array(W * H).fill(255) };
    const seen: Raster[] = [];
    const reads = (texts: string[]) => async (img: Raster) => {
      const text = texts[seen.length % texts.length]!;
      seen.push(img);
      // in the strip's coordinates, where the row's words are
      const words = text.split(' ').map((t, k) => word(t, 1640 + 150 * k - Math.round(region.x0), 8, 90));
      return { lines: [line(...words)], confidence: 90 };
    };
    const garbled = line(word('kVâm', 1640, 2700, 59), word('Thanh', 1790, 2700), word('PHong', 1940, 2700, 55));
    const rows = [...betterRows(closing, [], region), line(word('PHÓ', 1620, 2365), word('BÍ', 1760, 2365), word('THƯ', 1840, 2365)), garbled];
    const got = await rereadNameRow(image, rows, region, reads(['Lâm Thanh Phong', 'kâm Thanh PMong']));
    expect(got?.row).toBe(garbled);
    expect(got?.name.text).toBe('Lâm Thanh Phong');
    expect(seen[0]!.height).toBeLessThan(100); // the name's row alone
    // a strip with no grey is the same image at every setting: read once, and once more in a white margin
    expect(seen).toHaveLength(2);
    expect(seen[1]!.width - seen[0]!.width).toBe(seen[1]!.height - seen[0]!.height);
    expect(seen[1]!.width).toBeGreaterThan(seen[0]!.width);
    expect(got!.name.bbox.y0).toBeGreaterThan(2650); // back in page coordinates
    expect(got!.name.bbox.x0).toBeGreaterThan(region.x0);
    // a row that reads as a name already is not read again
    seen.length = 0;
    const clean = line(word('Lâm', 1640, 2700), word('Thanh', 1790, 2700), word('Phong', 1940, 2700));
    expect(await rereadNameRow(image, [...rows.slice(0, -1), clean], region, reads(['Lâm Thanh Phong']))).toBeNull();
    expect(seen).toHaveLength(0);
    // a word no reading saw clearly (a seal's letters across it) gives no name: half a name guessed is worse
    const blurred = async (img: Raster) => {
      seen.push(img);
      const words = ['Xô', 'Thanh', 'Phong'].map((t, k) => word(t, 1640 + 150 * k - Math.round(region.x0), 8, k === 0 ? 5 : 90));
      return { lines: [line(...words)], confidence: 60 };
    };
    expect(await rereadNameRow(image, rows, region, blurred)).toBeNull();
  });
  it('reads the block again in the band of the page across it, and puts its words back in page coordinates', async () => {
    const region = signatureRegion(closing, W, H)!;
    // The page: the block's print, and a dark mark outside the band, which the second reading must not see.
    const data = new Uint8Array(W * H).fill(255);
    for (let y = 2480; y < 2510; y++) for (let x = 1600; x < 1700; x++) data[y * W + x] = 0;
    for (let y = 200; y < 240; y++) for (let x = 1600; x < 1700; x++) data[y * W + x] = 0;
    const seen: Raster[] = [];
    const read = async (img: Raster) => {
      seen.push(img);
      if (seen.length > 1) return { lines: [], confidence: 0 };
      // The band's ink, found in the band's own coordinates, read as the title's row the first reading lost.
      let top = -1;
      for (let y = 0; y < img.height && top < 0; y++) if (img.data[y * img.width + 1650]! < 128) top = y;
      return { lines: [line(word('PHÓ', 1600, top), word('BÍ', 1740, top), word('THƯ', 1820, top))], confidence: 90 };
    };
    const lines = await rereadSignatureBlock({ width: W, height: H, data }, closing, read);
    const band = seen[0]!;
    expect(band.width).toBe(W);
    expect(band.height).toBeLessThan(H / 2);
    expect(band.height).toBeGreaterThan(region.y1 - region.y0);
    expect(band.data.some((v) => v < 128)).toBe(true);
    // Only the region's ink is kept on the band: the mark above it is gone with the rest of the page.
    let dark = 0;
    for (const v of band.data) if (v < 128) dark++;
    expect(dark).toBe(30 * 100);
    // The title's row, read on the band, is on the page where its print is, under the authority.
    const title = lines.find((l) => l.text === 'PHÓ BÍ THƯ')!;
    expect(title.bbox.y0).toBe(2480);
    expect(lines.indexOf(title)).toBeGreaterThan(lines.findIndex((l) => l.text.includes('THƯỜNG')));
  });
});
