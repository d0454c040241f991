// npm run fixtures:make — (re)create the generated input fixtures: a scanned plan (PDF and TIFF) rendered from
// a short invented plan, and the bad inputs of the error-handling tests. The outputs are committed; this
// script documents how they were made and makes them again byte for byte.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { projectRoot } from './paths.js';
import { imagePdf, pdfFile, renderPage } from './render.js';

/** An invented plan of an invented commune: no real document, person or place is copied. */
export const SAMPLE_PLAN = [
  'ỦY BAN NHÂN DÂN || CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'XÃ AN PHÚ || Độc lập - Tự do - Hạnh phúc',
  'Số: 42/KH-UBND || An Phú, ngày 12 tháng 3 năm 2026',
  '',
  '# KẾ HOẠCH',
  '# Phổ biến, giáo dục pháp luật trên địa bàn xã An Phú năm 2026',
  '',
  'Căn cứ Kế hoạch số 15/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân huyện',
  'về công tác phổ biến, giáo dục pháp luật năm 2026;',
  'Ủy ban nhân dân xã xây dựng Kế hoạch như sau:',
  'I. MỤC ĐÍCH, YÊU CẦU',
  '1. Mục đích',
  '- Nâng cao nhận thức, ý thức chấp hành pháp luật của cán bộ và Nhân dân.',
  'II. NỘI DUNG',
  '1. Tổ chức hội nghị phổ biến pháp luật cho cán bộ, công chức',
  'Đơn vị chủ trì: Văn phòng HĐND và UBND xã.',
  'Đơn vị phối hợp: Công an xã, các thôn.',
  'Thời gian thực hiện: Quý II/2026.',
  '',
  'Nơi nhận: || TM. ỦY BAN NHÂN DÂN',
  '- UBND huyện (b/c); || CHỦ TỊCH',
  '- Lưu: VT.',
  ' || Trần Văn Bình',
];

/** Its appendix: a table of tasks whose columns only the word boxes of the scan tell apart; one cell wraps. */
export const SAMPLE_APPENDIX = [
  '# Phụ lục',
  '# CÁC NHIỆM VỤ NĂM 2026',
  '',
  '§ TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian',
  '§ 1 | Tổ chức hội nghị phổ biến | Công an xã | Các thôn | Quý II/2026',
  '§  | pháp luật cho Nhân dân |  |  | ',
  '§ 2 | Tuyên truyền trên loa truyền thanh | Văn phòng UBND xã | Đoàn Thanh niên | Thường xuyên',
  '§ 3 | Tổ chức cuộc thi tìm hiểu pháp luật | Công an xã | Hội Phụ nữ xã | Tháng 9/2026',
];

function main(): void {
  const root = projectRoot();
  const scans = join(root, 'fixtures', 'scans');
  const bad = join(root, 'fixtures', 'bad');
  mkdirSync(scans, { recursive: true });
  mkdirSync(bad, { recursive: true });

  const page = renderPage(SAMPLE_PLAN, { dpi: 200, fontSize: 12 });
  const appendix = renderPage(SAMPLE_APPENDIX, { dpi: 200, fontSize: 9 });
  const pdf = imagePdf([page, appendix], 200);
  writeFileSync(join(scans, 'an-phu-plan.pdf'), pdf);

  // Bad inputs: each must give one clear line and leave nothing behind. (fixtures/bad/encrypted.pdf was made
  // from the scan with Debian's qpdf: `qpdf --encrypt secret secret 256 -- an-phu-plan.pdf encrypted.pdf`.)
  writeFileSync(join(bad, 'empty.txt'), '');
  writeFileSync(join(bad, 'not-a-pdf.pdf'), '<!DOCTYPE html><html><body>Not found</body></html>\n');
  writeFileSync(join(bad, 'truncated.pdf'), pdf.subarray(0, 600));
  writeFileSync(join(bad, 'zero-pages.pdf'), pdfFile(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']));
  writeFileSync(join(bad, 'huge.png'), createCanvas(33_000, 4).toBuffer('image/png'));
  writeFileSync(join(bad, 'archive.zip'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x01]));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
