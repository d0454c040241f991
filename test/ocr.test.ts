// End to end through the OCR: scans rendered from an invented plan, read by tesseract.js with the Vietnamese
// model from node_modules.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../src/pipeline/convert.js';
import { multiPageTiff, renderPage } from '../src/scripts/render.js';
import { SAMPLE_PLAN } from '../src/scripts/make-fixtures.js';
import { ROOT } from './helpers.js';

describe('OCR', () => {
  it('reads a scanned PDF: the text and the header fields', async () => {
    const plan = await convert(resolve(ROOT, 'fixtures', 'scans', 'an-phu-plan.pdf'), { jobs: 1 });
    expect(plan.source.kind).toBe('pdf-scan');
    expect(plan.source.ocr).toMatchObject({ languages: ['vie'] });
    expect(plan.source.ocr!.meanConfidence).toBeGreaterThan(80);
    expect(plan.source.pageDecisions).toEqual([1, 2].map((page) => ({ page, method: 'ocr', reason: 'no text layer' })));
    expect(plan.text).toContain('Phổ biến, giáo dục pháp luật trên địa bàn xã An Phú năm 2026');
    expect(plan.document).toMatchObject({
      type: 'Kế hoạch',
      number: '42',
      symbol: 'KH-UBND',
      issuer: 'Ủy ban nhân dân xã An Phú',
      place: 'An Phú',
      date: '2026-03-12',
      title: 'Phổ biến, giáo dục pháp luật trên địa bàn xã An Phú năm 2026',
    });
    expect(plan.signature).toEqual({ authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Trần Văn Bình' });
    // The appendix table's columns come from the word boxes: lead, support and period land in their cells, and a
    // cell's second line stays in its cell.
    expect(plan.tasks[1]!.content).toBe('Tổ chức hội nghị phổ biến pháp luật cho Nhân dân');
    expect(plan.tasks.slice(1).map((t) => [t.lead, t.support, t.timeline?.text])).toEqual([
      [['Công an xã'], ['Các thôn'], 'Quý II/2026'],
      [['Văn phòng UBND xã'], ['Đoàn Thanh niên'], 'Thường xuyên'],
      [['Công an xã'], ['Hội Phụ nữ xã'], 'Tháng 9/2026'],
    ]);
  }, 120_000);

  it('reads with Vietnamese and English together, each from its own data package', async () => {
    const plan = await convert(resolve(ROOT, 'fixtures', 'scans', 'an-phu-plan.pdf'), { jobs: 1, languages: ['vie', 'eng'] });
    expect(plan.source.ocr!.languages).toEqual(['vie', 'eng']);
    expect(plan.document.number).toBe('42');
  });

  it("reads a table's row numbers, each alone in its row of a narrow column", async () => {
    // Nine two-line rows: the numbers stand far apart, each alone, where a column reading takes a lone digit for
    // a speck (before: no number under 10 was read).
    const tasks = ['Tổ chức hội nghị phổ biến pháp luật', 'Tuyên truyền trên hệ thống truyền thanh', 'Kiểm tra việc thực hiện tại các thôn'];
    const units = ['Công an xã', 'Văn phòng UBND xã', 'Hội Phụ nữ xã'];
    const rows = Array.from({ length: 9 }, (_, k) => [`§ ${k + 1} | ${tasks[k % 3]} | ${units[k % 3]}`, `§  | cho cán bộ và Nhân dân trong xã | `]).flat();
    const dir = mkdtempSync(join(tmpdir(), 'vnplan-numbers-'));
    const file = join(dir, 'table.png');
    writeFileSync(file, renderPage(['# PHỤ LỤC', '', ...rows], { dpi: 300, fontSize: 12 }).png);
    const plan = await convert(file, { jobs: 2 });
    expect(plan.text.match(/^\d+(?= \|)/gm)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  }, 120_000);

  it('reads every page of a multi-page TIFF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnplan-tiff-'));
    const pages = [SAMPLE_PLAN.slice(0, 7), SAMPLE_PLAN.slice(7, 14)].map((l) => renderPage(l, { dpi: 200, fontSize: 12 }));
    const file = join(dir, 'two-pages.tif');
    writeFileSync(file, multiPageTiff(pages));
    const plan = await convert(file, { jobs: 2 });
    expect(plan.source.kind).toBe('image');
    expect(plan.source.pages).toBe(2);
    expect(plan.document.number).toBe('42');
    expect(plan.text).toMatch(/MỤC ĐÍCH/);
  }, 120_000);
});
