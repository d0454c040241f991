import { describe, expect, it } from 'vitest';
import { mendRecipient, parseClosing, readName, readTitle } from '../src/parse/closing.js';
import { fixSymbol, parseDateLine, parseHeader, parseNumberLine, placeAsIssuerNamesIt, symbolAfterIssuer, symbolFromText } from '../src/parse/header.js';
import { paragraphs } from '../src/parse/paragraphs.js';
import { findReferences, symbolDsFromIssuer } from '../src/parse/references.js';
import { buildSections, relabelHeadings } from '../src/parse/sections.js';
import { gridTables, gridTableTasks } from '../src/parse/gridTables.js';
import { tableTasks } from '../src/parse/table.js';
import { fieldsOf, fieldTasks } from '../src/parse/tasks.js';
import { consensusSpelling, sentenceCase } from '../src/parse/text.js';
import { splitUnits } from '../src/parse/units.js';
import { parseText } from '../src/parse/parseText.js';

describe('header', () => {
  it("takes the issuer's spelling of the place where the date line's is a letter or two off in one word", () => {
    expect(placeAsIssuerNamesIt('Lê Sơn', ['Ban Tuyên giáo và Dân vận', 'Huyện ủy Lộc Sơn'])).toBe('Lộc Sơn');
    expect(placeAsIssuerNamesIt('Hòa Phong', ['Ủy ban nhân dân xã Hòa Phương', null])).toBe('Hòa Phương');
    // marks alone, another first letter, two words off, one word, another place: as read
    expect(placeAsIssuerNamesIt('Đinh Tây', ['Ủy ban nhân dân xã Định Tây'])).toBe('Đinh Tây');
    expect(placeAsIssuerNamesIt('Tân Bình', ['Ủy ban nhân dân phường Tân Định'])).toBe('Tân Bình');
    expect(placeAsIssuerNamesIt('Hà Nội', ['Bộ Y tế'])).toBe('Hà Nội');
    expect(placeAsIssuerNamesIt('Vinh', ['Ủy ban nhân dân thành phố Vịnh'])).toBe('Vinh');
    // through the header: the issuer's capitals against the date line's small letters
    const head = ['HUYỆN ỦY LỘC SƠN', 'BAN TUYÊN GIÁO', 'Số 14-HD/BTG', 'Lê Sơn, ngày 21 tháng 7 năm 2025', '', 'HƯỚNG DẪN', 'tuyên truyền', ''];
    expect(parseHeader(head).document.place).toBe('Lộc Sơn');
  });

  it("reads a letter's addressees set apart by semicolons, and one that wraps", () => {
    const head = ['UBND XÃ AN BÌNH', 'Số: 215/UBND-VP', 'V/v triển khai Kế hoạch số 30/KH-UBND', ''];
    expect(parseHeader([...head, 'Kính gửi: Các phòng, ban; UBND các thôn.', '', 'Thực hiện Kế hoạch …']).document.addressees).toEqual(['Các phòng, ban', 'UBND các thôn']);
    // a blank line inside a dashed list that goes on (";") is no end of it; one after its last item (".") is
    expect(parseHeader([...head, 'Kính gửi: - Phòng Y tế;', '- Phòng Nội vụ;', '', '- UBND các thôn.', '', 'Thực hiện …']).document.addressees).toEqual(['Phòng Y tế', 'Phòng Nội vụ', 'UBND các thôn']);
    expect(parseHeader([...head, 'Kính gửi: - Phòng Y tế;', '- Phòng Nội vụ.', '', '- Thực hiện …']).document.addressees).toEqual(['Phòng Y tế', 'Phòng Nội vụ']);
    expect(parseHeader([...head, 'Kính gửi: - Phòng Y tế;', '', '- UBND các thôn.', '', 'Thực hiện …']).document.addressees).toEqual(['Phòng Y tế', 'UBND các thôn']);
    expect(parseHeader([...head, 'Kính gửi: Ủy ban nhân dân các xã, thị trấn', 'trên địa bàn huyện.', '', 'Thực hiện …']).document.addressees).toEqual([
      'Ủy ban nhân dân các xã, thị trấn trên địa bàn huyện',
    ]);
  });

  it('reads the place of a date line whose day and month were left blank, and a "tháng" the OCR misread between numbers', () => {
    expect(parseDateLine('An Bình, ngày     tháng 01 năm 2026')).toMatchObject({ place: 'An Bình', date: null });
    expect(parseDateLine('Tứ Minh, ngày ... tháng ... năm 2025')).toMatchObject({ place: 'Tứ Minh', date: null });
    expect(parseDateLine('Tứ Minh, ngày 15 tháng 8 năm 2025')).toMatchObject({ place: 'Tứ Minh', date: '2025-08-15' });
    expect(parseDateLine('Tam Hưng, ngày 08 thứ 4 năm 2026')).toMatchObject({ place: 'Tam Hưng', date: '2026-04-08' });
    expect(parseDateLine('Tam Hưng, ngày 08 thư năm 2026')).toBeNull();
  });

  it("reads a youth union's header, its name where the national motto stands, merged with the issuer's lines", () => {
    const h = parseHeader(['ĐOÀN XÃ TÂN LẬP ĐOÀN TNCS HỒ CHÍ MINH', 'BCH ĐOÀN XÃ TÂN LẬP Tân Lập, ngày 03 tháng 3 năm 2026', '', 'Số: 12-KH/DTN', '', 'KẾ HOẠCH', 'Tổ chức Tháng Thanh niên năm 2026', '', 'Thực hiện …']);
    expect(h.document).toMatchObject({ motto: 'Đoàn TNCS Hồ Chí Minh', parentIssuer: 'Đoàn xã Tân Lập', issuer: 'BCH Đoàn xã Tân Lập', symbol: 'KH/ĐTN', place: 'Tân Lập' });
  });

  it("reads an issuer's name whose last word wrapped onto a line of its own", () => {
    const h = parseHeader(['UBND XÃ AN MỸ', 'TRƯỜNG TIỂU HỌC AN', 'MỸ', 'Số: 57/KH-TH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'An Mỹ, ngày 5 tháng 9 năm 2026', 'KẾ HOẠCH', 'Chuyển đổi số năm học 2026 - 2027', '', 'Căn cứ …']);
    expect(h.document).toMatchObject({ parentIssuer: 'UBND xã An Mỹ', issuer: 'Trường Tiểu học An Mỹ' });
  });

  it('reads addressees on lines of their own without dashes, and the motto and date read after "Kính gửi:"', () => {
    const h = parseHeader(['UBND TỈNH HẢI LONG', 'VĂN PHÒNG', 'Số: 1532/VP-NC', 'V/v góp ý dự thảo Quy chế', 'Kính gửi:', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hải Long, ngày 19 tháng 10 năm 2026', 'Sở Tư pháp;', 'Sở Nội vụ.', 'Thực hiện ý kiến chỉ đạo của Chủ tịch Ủy ban nhân dân tỉnh, Văn phòng đề nghị …']);
    expect(h.document).toMatchObject({ addressees: ['Sở Tư pháp', 'Sở Nội vụ'], place: 'Hải Long', date: '2026-10-19', motto: 'Cộng hòa xã hội chủ nghĩa Việt Nam' });
    // A basis line that cites a law's date is no date line, and the body's wrapped lines are no addressee.
    const t = parseHeader(['ỦY BAN NHÂN DÂN', 'XÃ THẠCH LONG', 'Số: 96/TTr-UBND', 'Thạch Long, ngày 20 tháng 11 năm 2026', 'TỜ TRÌNH', 'Về việc phê duyệt chủ trương đầu tư', 'Kính gửi: Hội đồng nhân dân xã Thạch Long.', '', 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;', 'Căn cứ Nghị quyết số 27/NQ-HĐND của Hội đồng', 'nhân dân xã về kế hoạch đầu tư công;']);
    expect(t.document).toMatchObject({ addressees: ['Hội đồng nhân dân xã Thạch Long'], date: '2026-11-20' });
  });

  it('keeps the comma at the end of an issuer line that the next line goes on from', () => {
    const h = parseHeader(['UBND XÃ THANH BÌNH', 'BAN CHỈ ĐẠO PHÒNG,', 'CHỐNG DỊCH BỆNH', 'Số: 09/KH-BCĐ', 'KẾ HOẠCH', 'Phòng, chống bệnh dại năm 2026', '', 'Thực hiện …']);
    expect(h.document).toMatchObject({ issuer: 'Ban Chỉ đạo phòng, chống dịch bệnh', parentIssuer: 'UBND xã Thanh Bình' });
  });

  it("reads an issuer's capital word an OCR wrote in small letters that look the same (\"Vụ\" for \"VỤ\")", () => {
    const h = parseHeader(['HỘI NÔNG DÂN TỈNH AN BÌNH', 'BAN THƯỜNG Vụ', 'Số: 27-KH/HND', 'KẾ HOẠCH', 'Tổ chức hội thi năm 2026', '', 'Thực hiện …']);
    expect(h.document).toMatchObject({ issuer: 'Ban Thường vụ', parentIssuer: 'Hội Nông dân tỉnh An Bình' });
  });

  it('yields nulls, not guesses, when the text starts in the body (the first page lost)', () => {
    const h = parseHeader(['các cơ quan, đơn vị thực hiện tốt công tác thông tin.', 'II. NỘI DUNG', '1. Tuyên truyền', 'III. TỔ CHỨC THỰC HIỆN', 'KT. CHỦ TỊCH']);
    expect(h.document.issuer).toBeNull();
    expect(h.document.type).toBeNull();
    expect(h.bodyStart).toBe(0);
    expect(h.warnings.map((w) => w.code)).toContain('NO_HEADER');
  });

  it('reads a State header whose two columns the OCR merged line by line', () => {
    const lines = [
      'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'XÃ BÌNH MINH Độc lập - Tự do - Hạnh phúc',
      'Số: 21/KH-UBND Bình Minh, ngày 3 tháng 11 năm 2025',
      'KẾ HOẠCH',
      'Tổ chức các hoạt động hưởng ứng Ngày Pháp luật',
      'năm 2025',
      '',
      'Căn cứ Luật Phổ biến, giáo dục pháp luật;',
    ];
    const h = parseHeader(lines);
    expect(h.document).toMatchObject({
      type: 'Kế hoạch',
      typeCode: 'KH',
      number: '21',
      symbol: 'KH-UBND',
      issuer: 'Ủy ban nhân dân xã Bình Minh',
      parentIssuer: null,
      motto: 'Cộng hòa xã hội chủ nghĩa Việt Nam',
      place: 'Bình Minh',
      date: '2025-11-03',
      title: 'Tổ chức các hoạt động hưởng ứng Ngày Pháp luật năm 2025',
    });
    expect(lines.slice(h.bodyStart).find((l) => l.trim())).toBe('Căn cứ Luật Phổ biến, giáo dục pháp luật;');
  });

  it('reads a Party header: parent body, issuer, "Số 28-KH/ĐU" numbering', () => {
    const h = parseHeader([
      'ĐẢNG BỘ TỈNH NAM HÀ ĐẢNG CỘNG SẢN VIỆT NAM',
      'ĐẢNG ỦY XÃ HÒA BÌNH',
      '*',
      'Số 28-KH/ĐU Hòa Bình, ngày 30 tháng 01 năm 2026',
      'KẾ HOẠCH',
      'Học tập, quán triệt nghị quyết của Đảng',
    ]);
    expect(h.document).toMatchObject({
      number: '28',
      symbol: 'KH/ĐU',
      issuer: 'Đảng ủy xã Hòa Bình',
      parentIssuer: 'Đảng bộ tỉnh Nam Hà',
      motto: 'Đảng Cộng sản Việt Nam',
      date: '2026-01-30',
    });
  });

  it('yields nulls, not guesses, when the header is missing', () => {
    const h = parseHeader(['1. Tiếp tục triển khai các nhiệm vụ đã đề ra.', '2. Báo cáo kết quả trước ngày 15/12.']);
    expect(h.document).toMatchObject({ type: null, number: null, symbol: null, issuer: null, date: null, title: null });
  });

  it('reads a letter: "V/v" as the title and "Kính gửi" as the addressees', () => {
    const h = parseHeader([
      'UBND HUYỆN ĐÔNG SƠN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'PHÒNG NỘI VỤ Độc lập - Tự do - Hạnh phúc',
      'Số: 115/PNV Đông Sơn, ngày 2 tháng 6 năm 2025',
      'V/v báo cáo kết quả cải cách hành chính',
      '6 tháng đầu năm 2025',
      'Kính gửi:',
      '- Ủy ban nhân dân các xã, thị trấn;',
      '- Các cơ quan chuyên môn thuộc UBND huyện.',
      'Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND huyện,',
    ]);
    expect(h.document).toMatchObject({
      type: 'Công văn',
      number: '115',
      symbol: 'PNV',
      title: 'báo cáo kết quả cải cách hành chính 6 tháng đầu năm 2025',
      addressees: ['Ủy ban nhân dân các xã, thị trấn', 'Các cơ quan chuyên môn thuộc UBND huyện'],
    });
  });

  it('goes on with a letter\'s subject over a line that starts "số …" in small letters, which is no number line', () => {
    const h = parseHeader(['ỦY BAN NHÂN DÂN', 'TỈNH HÀ ĐÔNG', 'Số: 1502/UBND-KT', 'V/v triển khai thực hiện Chỉ thị', 'số 05/CT-TTg của Thủ tướng Chính phủ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Kính gửi: Các sở, ngành.']);
    expect(h.document).toMatchObject({ number: '1502', symbol: 'UBND-KT', title: 'triển khai thực hiện Chỉ thị số 05/CT-TTg của Thủ tướng Chính phủ' });
  });

  it('reads a letter whose "V/v" the OCR read as "Về" or "Và", under its number', () => {
    const h = parseHeader(['ĐẢNG ỦY XÃ HÒA PHÚ TÂY', 'Số 132-CV/ĐU', 'Về thu, nộp đảng phí và cập nhật', 'dữ liệu đảng viên năm 2026', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'Hòa Phú Tây, ngày 08 tháng 6 năm 2026', 'Kính gửi: Các chi bộ trực thuộc.']);
    expect(h.document).toMatchObject({ type: 'Công văn', title: 'thu, nộp đảng phí và cập nhật dữ liệu đảng viên năm 2026', addressees: ['Các chi bộ trực thuộc'] });
    const v = parseHeader(['ỦY BAN NHÂN DÂN', 'HUYỆN KIM AN', 'Số: 842/UBND-YT', 'Và triển khai Tháng hành động', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Kính gửi: Phòng Y tế huyện.']);
    expect(v.document).toMatchObject({ type: 'Công văn', title: 'triển khai Tháng hành động' });
    // An English model's readings of the italic "V/v": "VA", "VW" (after repair "VÀ"), "Wy" on a bitonal scan; small letters follow.
    for (const vv of ['VÀ', 'VW', 'V/y', 'Wy']) {
      const l = parseHeader(['ỦY BAN NHÂN DÂN', 'Số: 12/UBND-VP', `${vv} rà soát hồ sơ`, 'năm 2026', '', 'Kính gửi: Các phòng.']);
      expect(l.document, vv).toMatchObject({ type: 'Công văn', title: 'rà soát hồ sơ năm 2026' });
    }
    // Above the number, or followed by capitals, "VÀ" is the issuer's or a heading's word.
    expect(parseHeader(['SỞ NÔNG NGHIỆP', 'VÀ MÔI TRƯỜNG', 'Số: 3/KH-SNN', 'KẾ HOẠCH', 'Rà soát hồ sơ']).document).toMatchObject({ type: 'Kế hoạch', title: 'Rà soát hồ sơ' });
  });

  it('keeps a unit\'s number in the issuer and the place ("CHI BỘ THÔN 3", "Phường 5, ngày …")', () => {
    const party = parseHeader(['ĐẢNG BỘ XÃ AN PHÚ ĐẢNG CỘNG SẢN VIỆT NAM', 'CHI BỘ THÔN 3', '* An Phú, ngày 05 tháng 3 năm 2026', 'Số 05-KH/CB', 'KẾ HOẠCH', 'tổ chức sinh hoạt chuyên đề']);
    expect(party.document).toMatchObject({ issuer: 'Chi bộ thôn 3', parentIssuer: 'Đảng bộ xã An Phú', place: 'An Phú' });
    const ward = parseHeader(['ỦY BAN NHÂN DÂN', 'PHƯỜNG 5', 'Số: 12/KH-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Phường 5, ngày 05 tháng 3 năm 2026', 'KẾ HOẠCH', 'Phòng cháy']);
    expect(ward.document).toMatchObject({ issuer: 'Ủy ban nhân dân phường 5', place: 'Phường 5', date: '2026-03-05' });
  });

  it('gives the issuer column the capitals an OCR merged in front of the place', () => {
    expect(parseDateLine('NGHĨA THÀNH Nghĩa Thành, ngày 14 tháng 10 năm 2025')).toMatchObject({ place: 'Nghĩa Thành', before: 'NGHĨA THÀNH ' });
    // A short abbreviation is part of the place ("TP. Hồ Chí Minh", "TX Bình Long").
    expect(parseDateLine('TP. Hồ Chí Minh, ngày 14 tháng 10 năm 2025')).toMatchObject({ place: 'TP. Hồ Chí Minh' });
    expect(parseDateLine('TX Bình Long, ngày 14 tháng 10 năm 2025')).toMatchObject({ place: 'TX Bình Long' });
    const h = parseHeader(['ĐẢNG BỘ TỈNH TRÀ AN ĐẢNG CỘNG SẢN VIỆT NAM', 'ĐẢNG ỦY PHƯỜNG', 'NGHĨA THÀNH Nghĩa Thành, ngày 14 tháng 10 năm 2025', 'Số 02-CTr/ĐU', 'CHƯƠNG TRÌNH HÀNH ĐỘNG', 'thực hiện Nghị quyết']);
    expect(h.document).toMatchObject({ place: 'Nghĩa Thành', issuer: 'Đảng ủy phường Nghĩa Thành', parentIssuer: 'Đảng bộ tỉnh Trà An' });
  });

  it('keeps a one-letter word in the issuer column ("SỞ Y TẾ" under its parent body)', () => {
    const h = parseHeader(['UBND TỈNH BÌNH AN', 'SỞ Y TẾ', 'Số: 12/KH-SYT', 'KẾ HOẠCH', 'Phòng, chống dịch bệnh']);
    expect(h.document).toMatchObject({ issuer: 'Sở Y tế', parentIssuer: 'UBND tỉnh Bình An' });
  });

  it("reads the issuer's code in a symbol as the issuer's initials where the OCR took one letter for another", () => {
    expect(symbolAfterIssuer('KH-SVT', 'Sở Y tế')).toBe('KH-SYT');
    expect(symbolAfterIssuer('KH-UBNO', 'Ủy ban nhân dân xã Phú An')).toBe('KH-UBND');
    expect(symbolAfterIssuer('KH-SGDĐT', 'Sở Giáo dục và Đào tạo')).toBe('KH-SGDĐT');
    // Codes that are no initials of the issuer, or too short to tell, stay as read.
    expect(symbolAfterIssuer('UBND-VHXH', 'Ủy ban nhân dân phường Hưng Lộc')).toBe('UBND-VHXH');
    expect(symbolAfterIssuer('KH/HU', 'Huyện ủy Đông Sơn')).toBe('KH/HU');
    expect(symbolAfterIssuer('KH-THCS', 'Trường THCS Hưng Thái')).toBe('KH-THCS');
    expect(parseHeader(['SỞ Y TẾ', 'Số: 12/KH-SVT', 'KẾ HOẠCH', 'Phòng, chống dịch bệnh']).document.symbol).toBe('KH-SYT');
  });

  it('reads "Kính gửi" after a blank line, in a letter that starts at its number', () => {
    const h = parseHeader(['Số 214-CV/ĐU', 'V/v tổ chức hội nghị sơ kết', 'công tác dân vận năm 2025', '', 'Kính gửi: Các chi bộ trực thuộc', '', 'Thực hiện chương trình công tác năm 2025,']);
    expect(h.document).toMatchObject({ type: 'Công văn', number: '214', title: 'tổ chức hội nghị sơ kết công tác dân vận năm 2025', addressees: ['Các chi bộ trực thuộc'], issuer: null, date: null });
  });

  it("mends a symbol's code by one look-alike glyph to a code the document itself writes, and only then", () => {
    const text = 'Số: 07/KH-HND-BIT\nKẾ HOẠCH\n…\nNơi nhận:\n- BTT Hội Nông dân tỉnh;\n- Lưu: VT.';
    expect(symbolFromText('KH-HND-BIT', text)).toBe('KH-HND-BTT');
    // Not where the text writes the code as read, nor where it writes no look-alike of it.
    expect(symbolFromText('KH-HND-BIT', `${text}\n- BIT;`)).toBe('KH-HND-BIT');
    expect(symbolFromText('KH-HND-BIT', 'Số: 07/KH-HND-BIT\nKẾ HOẠCH')).toBe('KH-HND-BIT');
  });

  it('mends a document symbol an English-model OCR damaged', () => {
    expect(fixSymbol('KH/bU', true)).toBe('KH/ĐU');
    expect(fixSymbol('QD-UBND', false)).toBe('QĐ-UBND');
    expect(fixSymbol('KH/DU', true)).toBe('KH/ĐU');
    expect(fixSymbol('QĐĐ/TW', true)).toBe('QĐ/TW'); // a letter read twice
    expect(fixSymbol('TTg', false)).toBe('TTg');
    expect(fixSymbol('PGDDT-TH', false)).toBe('PGDĐT-TH');
    expect(fixSymbol('5NV-VTLT', false)).toBe('SNV-VTLT');
    expect(fixSymbol('KH-5NV', false)).toBe('KH-SNV');
    expect(fixSymbol('5SGDĐT-GDTrH', false)).toBe('SGDĐT-GDTrH');
    // A code's S read as 5 where no known code is left without it; a speck before a known code is dropped.
    expect(fixSymbol('5GDĐT-GDTrH', false)).toBe('SGDĐT-GDTrH');
    expect(fixSymbol('5UBND-VHXH', false)).toBe('UBND-VHXH');
    expect(parseNumberLine('Số: 1208/5GDĐT-GDTrH')).toMatchObject({ number: '1208', symbol: 'SGDĐT-GDTrH' });
    expect(parseNumberLine('So6 3 -KH/bU')).toMatchObject({ number: '3', symbol: 'KH/ĐU' });
    expect(parseNumberLine('Số: /KH-UBND')).toMatchObject({ number: null, symbol: 'KH-UBND' });
    // The slash between number and symbol lost to the OCR.
    expect(parseNumberLine('Số: 297UBND-VHXH')).toMatchObject({ number: '297', symbol: 'UBND-VHXH' });
    expect(parseNumberLine('297UBND-VHXH')).toMatchObject({ number: '297', symbol: 'UBND-VHXH' });
    expect(parseNumberLine('Số: 163.KH-UBND')).toMatchObject({ number: '163', symbol: 'KH-UBND' });
    // A capital word after a digit is no symbol: an issuer's wrapped line misread ("TRIỀU" as "1RIEU").
    expect(parseNumberLine('1RIEU')).toBeNull();
  });

  it('writes bodies in sentence case with place names in title case', () => {
    expect(sentenceCase('ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI DƯƠNG')).toBe('Ủy ban nhân dân thành phố Hải Dương');
    // An agency named by its field: the field's first word keeps its capital (Decree 30/2020, Appendix II).
    expect(sentenceCase('BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ')).toBe('Ban Chỉ đạo chuyển đổi số');
    expect(sentenceCase('SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG')).toBe('Sở Nông nghiệp và Môi trường');
    expect(sentenceCase('TRƯỜNG THCS HƯNG THÁI')).toBe('Trường THCS Hưng Thái');
    expect(sentenceCase('TRƯỜNG TIỂU HỌC PHÚ LỘC')).toBe('Trường Tiểu học Phú Lộc');
    // "phòng, chống" (prevent and combat) is one phrase, no agency "Phòng" and its field.
    expect(sentenceCase('BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH BỆNH')).toBe('Ban Chỉ đạo phòng, chống dịch bệnh');
    // The country's name wherever it stands; a place's name after "khu vực" as after an administrative unit.
    expect(sentenceCase('HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM')).toBe('Hội Liên hiệp phụ nữ Việt Nam');
    expect(sentenceCase('TRUNG TÂM Y TẾ KHU VỰC BẮC SƠN')).toBe('Trung tâm Y tế khu vực Bắc Sơn');
    expect(sentenceCase('TRƯỜNG TRUNG HỌC CƠ SỞ LÊ LỢI')).toBe('Trường Trung học cơ sở Lê Lợi');
    expect(sentenceCase('HĐND VÀ UBND XÃ')).toBe('HĐND và UBND xã');
    expect(sentenceCase('UBND HUYỆN THANH OAI')).toBe('UBND huyện Thanh Oai');
    expect(sentenceCase('HUYỆN ỦY YÊN PHONG')).toBe('Huyện ủy Yên Phong');
    expect(sentenceCase('BAN THƯỜNG VỤ TỈNH UỶ')).toBe('Ban Thường vụ tỉnh ủy');
  });
});

describe('sections', () => {
  it('reads a numbered sentence whose line broke before its quarter ("trong Quý" / "II/2026.") as text, not a heading', () => {
    const lines = ['I. Cải tiến quy trình', '1. Khoa Khám bệnh triển khai đặt lịch khám trực tuyến trước ngày 30/6/2026.', '2. Phòng Điều dưỡng tập huấn giao tiếp cho nhân viên y tế trong Quý', 'II/2026.'];
    const tree = buildSections(paragraphs(lines, 0, lines.length));
    expect(tree.sections.map((s) => [s.label, s.children.length])).toEqual([['I', 0]]);
  });

  it('reads parts ("Phần I", "PHẦN THỨ HAI:") above the sections, their headings on the same line or the next', () => {
    const lines = ['Phần I', 'MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', 'Nâng cao nhận thức.', 'PHẦN THỨ HAI: NHIỆM VỤ, GIẢI PHÁP', '1. Tuyên truyền', 'Phần lớn các hộ dân được tuyên truyền.'];
    const tree = buildSections(paragraphs(lines, 0, lines.length));
    expect(tree.sections.map((s) => [s.label, s.heading, s.children.map((c) => c.label + ' ' + c.heading)])).toEqual([
      ['I', 'MỤC ĐÍCH, YÊU CẦU', ['1 Mục đích']],
      ['II', 'NHIỆM VỤ, GIẢI PHÁP', ['1 Tuyên truyền']],
    ]);
    // A part's strokes an OCR misread ("IH" for II) are the part due next;
    // "Phần" alone, its numeral lost, is the part due too.
    const ocr = ['Phần', 'MỤC TIÊU', 'Nâng cao.', 'Phần IH', 'NHIỆM VỤ', 'Tổ chức.', 'Phần III', 'TỔ CHỨC THỰC HIỆN', 'Các chi bộ.'];
    expect(buildSections(paragraphs(ocr, 0, ocr.length)).sections.map((s) => s.label)).toEqual(['I', 'II', 'III']);
  });

  it('carries a heading over a line of abbreviations, and a paragraph over a fragment the OCR broke off', () => {
    const lines = ['II. NỘI DUNG', '2. Tuyên truyền về kết quả thực hiện trong công tác', 'CCHC', 'Một số nội dung cần tuyên truyền:', '- Nâng cao hiệu quả sản xuất,', '', 'kinh doanh.'];
    const paras = paragraphs(lines, 0, lines.length);
    const tree = buildSections(paras);
    expect(tree.sections[0]!.children[0]!.heading).toBe('Tuyên truyền về kết quả thực hiện trong công tác CCHC');
    expect(tree.sections[0]!.children[0]!.text).toBe('Một số nội dung cần tuyên truyền:\n- Nâng cao hiệu quả sản xuất, kinh doanh.');
  });

  const lines = [
    'A. MỤC ĐÍCH, YÊU CẦU',
    'I. Mục đích',
    '1. Nâng cao nhận thức của cán bộ, công chức về cải cách hành chính, tạo sự đồng thuận trong xã hội và',
    'thúc đẩy sự tham gia của người dân.',
    'II. Yêu cầu',
    '- Bám sát chỉ đạo của cấp trên.',
    'B. NỘI DUNG',
    'I. NHIỆM VỤ CỤ THỂ',
    '1. Tuyên truyền trên các phương tiện',
    'thông tin đại chúng',
    'a) Trên Cổng thông tin điện tử.',
    '1.1. Đăng tải tin, bài',
    '2. Tổ chức hội nghị',
  ];
  const tree = buildSections(paragraphs(lines, 0, lines.length));

  it('nests A./I./1./1.1. headings and keeps content items as text', () => {
    const flat = (s: typeof tree.sections, p = ''): string[] =>
      s.flatMap((x) => [`${p}${x.label}:${x.heading}`, ...flat(x.children, `${p}${x.label}/`)]);
    expect(flat(tree.sections)).toEqual([
      'A:MỤC ĐÍCH, YÊU CẦU',
      'A/I:Mục đích',
      'A/II:Yêu cầu',
      'B:NỘI DUNG',
      'B/I:NHIỆM VỤ CỤ THỂ',
      'B/I/1:Tuyên truyền trên các phương tiện thông tin đại chúng',
      'B/I/1/1.1:Đăng tải tin, bài',
      'B/I/2:Tổ chức hội nghị',
    ]);
    expect(tree.sections[0]!.children[0]!.text).toContain('1. Nâng cao nhận thức');
    expect(tree.sections[1]!.children[0]!.children[0]!.text).toBe('a) Trên Cổng thông tin điện tử.');
    expect(tree.sections[1]!.children[0]!.children[0]!.level).toBe(3);
  });

  it('reads Roman numerals an OCR wrote as l or digits where the numbering proves them, and only there', () => {
    const lines = [
      'C. NHIỆM VỤ, HOẠT ĐỘNG CỤ THỂ',
      'l. Về chuyển đổi số',
      '1. Tổ chức hội nghị triển khai',
      '2. Truyền thông trên báo chí',
      '11. Về cải cách hành chính',
      '1. Cập nhật thủ tục hành chính',
      'D. TỔ CHỨC THỰC HIỆN',
      '1. Phòng Nội vụ',
      '2. Phòng Tư pháp',
    ];
    const flat = (s: ReturnType<typeof buildSections>['sections'], p = ''): string[] =>
      s.flatMap((x) => [`${p}${x.label}`, ...flat(x.children, `${p}${x.label}/`)]);
    expect(flat(buildSections(paragraphs(lines, 0, lines.length)).sections)).toEqual(['C', 'C/I', 'C/I/1', 'C/I/2', 'C/II', 'C/II/1', 'D', 'D/1', 'D/2']);
    // Eleven numbered items stay numbered items.
    const items = ['I. NỘI DUNG', ...Array.from({ length: 11 }, (_, i) => `${i + 1}. Nhiệm vụ số ${i + 1}`)];
    expect(flat(buildSections(paragraphs(items, 0, items.length)).sections).slice(-2)).toEqual(['I/10', 'I/11']);
  });

  it('reads an H an OCR made of two strokes ("VHI." for VIII.) where it is due, also after a numeral read twice', () => {
    const flat = (lines: string[]) => buildSections(paragraphs(lines, 0, lines.length)).sections.map((x) => x.label);
    expect(flat(['VI. KINH PHÍ THỰC HIỆN', 'Từ ngân sách.', 'VI. TỔ CHỨC THỰC HIỆN', 'Các phòng.', 'VHI. CHẾ ĐỘ BÁO CÁO'])).toEqual(['VI', 'VII', 'VIII']);
    expect(flat(['II. NỘI DUNG', 'Nội dung.', 'HI. TỔ CHỨC THỰC HIỆN'])).toEqual(['II', 'III']);
    // Not due: no heading.
    expect(flat(['II. NỘI DUNG', 'Nội dung.', 'VHI. TỔ CHỨC THỰC HIỆN'])).toEqual(['II']);
    // "H." alone before small letters is II. where due; before capitals it is a part's letter as printed.
    const nested = (lines: string[]) => buildSections(paragraphs(lines, 0, lines.length)).sections.map((x) => [x.label, x.children.map((c) => c.label)]);
    expect(nested(['A. MỤC ĐÍCH', 'I. Mục đích', 'Nội dung.', 'H. Yêu cầu', 'Nội dung.', 'B. NHIỆM VỤ'])).toEqual([['A', ['I', 'II']], ['B', []]]);
    expect(nested(['A. MỤC ĐÍCH', 'Nội dung.', 'H. Yêu cầu', 'Nội dung.'])).toEqual([['A', []]]);
    // A V in small letters, or read twice, where it is due.
    expect(flat(['III. NHIỆM VỤ', 'Nội dung.', 'Iv. KINH PHÍ', 'Nội dung.', 'Vv. TỔ CHỨC THỰC HIỆN'])).toEqual(['III', 'IV', 'V']);
    expect(flat(['I. NHIỆM VỤ', 'Nội dung.', 'Vv. TỔ CHỨC THỰC HIỆN'])).toEqual(['I']);
    // All the numerals there but two misread out of order: position decides; a list that starts again does not.
    expect(flat(['I. MỤC ĐÍCH', 'Nội dung.', 'III NHIỆM VỤ', 'Nội dung.', 'II. TỔ CHỨC THỰC HIỆN', 'Nội dung.'])).toEqual(['I', 'II', 'III']);
    expect(flat(['1. Mục đích', 'Nội dung.', '3. Nhiệm vụ', 'Nội dung.', '2. Tổ chức', 'Nội dung.'])).toEqual(['1', '2', '3']);
    expect(flat(['I. KẾT QUẢ', 'Nội dung.', 'IH. NHIỆM VỤ', 'Nội dung.', 'II. KIẾN NGHỊ', 'Nội dung.'])).toEqual(['I', 'II', 'III']);
    expect(flat(['I. MỤC ĐÍCH', 'Nội dung.', 'III. NHIỆM VỤ', 'Nội dung.', 'IV. TỔ CHỨC THỰC HIỆN'])).toEqual(['I', 'III', 'IV']);
    // An L for the second I ("IL."), where II is due; not where it is not.
    expect(flat(['I. MỤC TIÊU', 'Nội dung.', 'IL. NHIỆM VỤ, GIẢI PHÁP', 'Nội dung.', 'III. KINH PHÍ'])).toEqual(['I', 'II', 'III']);
    expect(flat(['II. MỤC TIÊU', 'Nội dung.', 'IL. NHIỆM VỤ'])).toEqual(['II']);
  });

  it('reads a numbered sentence longer than a heading runs, broken by the margin before a name, as content', () => {
    const lines = [
      'III. TỔ CHỨC THỰC HIỆN',
      '1. Văn phòng Đảng ủy tham mưu thành lập các đoàn kiểm tra, giám sát; chủ trì thực hiện, tổng hợp kết quả, báo cáo',
      'Ban Thường vụ trước ngày 15/12/2027.',
      '2. Các chi bộ chuẩn bị hồ sơ theo yêu cầu của đoàn kiểm tra.',
    ];
    expect(buildSections(paragraphs(lines, 0, lines.length)).sections.map((x) => [x.label, x.children.length])).toEqual([['III', 0]]);
  });

  it('reads a numbered sentence whose ";" an OCR read as ":" as content, where it runs on in small letters', () => {
    const lines = [
      'III. NHIỆM VỤ TRỌNG TÂM',
      '1. Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền về giảm nghèo bền vững:',
      'nhân rộng các mô hình, điển hình tiên tiến.',
      '2. Mục tiêu cụ thể:',
      '- Tỷ lệ hộ nghèo giảm 1%.',
    ];
    const tree = buildSections(paragraphs(lines, 0, lines.length));
    expect(tree.sections.map((x) => [x.label, x.children.map((c) => `${c.label} ${c.heading}`)])).toEqual([['III', ['2 Mục tiêu cụ thể']]]);
  });

  it('ends a heading before a note in brackets on a line of its own', () => {
    const lines = ['II. NỘI DUNG', '1. Tuyên truyền', 'Nội dung.', '2. Phát triển thư viện trường học', '(Chi tiết tại Phụ lục kèm theo)', 'III. KINH PHÍ'];
    const tree = buildSections(paragraphs(lines, 0, lines.length));
    expect(tree.sections[0]!.children.map((c) => [c.heading, c.text])).toEqual([
      ['Tuyên truyền', 'Nội dung.'],
      ['Phát triển thư viện trường học', '(Chi tiết tại Phụ lục kèm theo)'],
    ]);
  });

  it('reads strokes with an H and no dot ("LH Kinh phí" for "II. Kinh phí") as the Roman numeral due, and no other', () => {
    const flat = (lines: string[]) => buildSections(paragraphs(lines, 0, lines.length)).sections.map((x) => `${x.label}[${x.children.map((c) => c.label).join(',')}]`);
    expect(flat(['I. Tuyên truyền', '1. Báo chí', 'Nội dung.', 'LH Kinh phí thực hiện', '1. Nguồn vốn', 'Nội dung.'])).toEqual(['I[1]', 'II[1]']);
    expect(flat(['I. Tuyên truyền', 'Nội dung.', 'II. Kinh phí', 'Nội dung.', 'IH Tổ chức thực hiện'])).toEqual(['I[]', 'II[]', 'III[]']);
    // After IV the numeral due is no strokes only: no heading.
    expect(flat(['IV. Tuyên truyền', 'Nội dung.', 'LH Kinh phí thực hiện'])).toEqual(['IV[]']);
  });
});

describe('tasks', () => {
  it('reads a letter\'s "Thời hạn hoàn thành:" as the task\'s time', () => {
    const lines = ['II. NHIỆM VỤ', '1. Rà soát danh sách hộ nghèo trên địa bàn', '- Đơn vị thực hiện: Ủy ban nhân dân các xã.', '- Thời hạn hoàn thành: trước ngày 30/9/2026.'];
    const paras = paragraphs(lines, 0, lines.length);
    expect(fieldTasks(paras, buildSections(paras), null)).toEqual([
      {
        content: 'Rà soát danh sách hộ nghèo trên địa bàn',
        lead: ['Ủy ban nhân dân các xã'],
        support: [],
        timeline: { text: 'trước ngày 30/9/2026', start: null, end: '2026-09-30', recurring: false },
        section: 'II/1',
      },
    ]);
  });

  it('reads fields in brackets after an item\'s sentence, and "chịu trách nhiệm" as the lead\'s label', () => {
    const lines = [
      'II. NHIỆM VỤ',
      '1. Tổ chức tuyên truyền trên hệ thống loa truyền thanh (Chủ trì: Công an xã; phối hợp: Đoàn Thanh niên xã; thời gian: Quý II/2026).',
      '2. Kiểm tra an toàn phòng cháy tại các hộ kinh doanh.',
      'Đơn vị chịu trách nhiệm: Công an xã.',
      'Thời gian: Tháng 9/2026.',
    ];
    const paras = paragraphs(lines, 0, lines.length);
    expect(fieldTasks(paras, buildSections(paras), null).map((t) => [t.content, t.lead, t.support, t.timeline?.text])).toEqual([
      ['Tổ chức tuyên truyền trên hệ thống loa truyền thanh', ['Công an xã'], ['Đoàn Thanh niên xã'], 'Quý II/2026'],
      ['Kiểm tra an toàn phòng cháy tại các hộ kinh doanh.', ['Công an xã'], [], 'Tháng 9/2026'],
    ]);
  });

  it('reads "chủ trì / phối hợp / thời gian" fields under a heading', () => {
    const lines = [
      'II. NHIỆM VỤ',
      '1. Rà soát thủ tục hành chính',
      'Đơn vị chủ trì: Văn phòng HĐND và UBND xã.',
      'Đơn vị phối hợp: Phòng Văn hóa, Khoa học và Thông tin; Công an xã,',
      'các thôn, tổ dân phố.',
      'Thời gian thực hiện: Quý III/2025.',
      '2. Tập huấn chuyển đổi số',
      '- Tổ chức 02 lớp tập huấn cho cán bộ.',
      'Cơ quan thực hiện: Trung tâm Phục vụ hành chính công.',
      'Thời gian: Thường xuyên.',
    ];
    const paras = paragraphs(lines, 0, lines.length);
    const tasks = fieldTasks(paras, buildSections(paras), '2025-06-01');
    expect(tasks).toEqual([
      {
        content: 'Rà soát thủ tục hành chính',
        lead: ['Văn phòng HĐND và UBND xã'],
        support: ['Phòng Văn hóa, Khoa học và Thông tin', 'Công an xã', 'các thôn, tổ dân phố'],
        timeline: { text: 'Quý III/2025', start: '2025-07-01', end: '2025-09-30', recurring: false },
        section: 'II/1',
      },
      {
        content: 'Tập huấn chuyển đổi số',
        lead: ['Trung tâm Phục vụ hành chính công'],
        support: [],
        timeline: { text: 'Thường xuyên', start: null, end: null, recurring: true },
        section: 'II/2',
      },
    ]);
  });

  it('reads a numbered sentence the margin broke before a name as one item, and a unit list that goes on past its line', () => {
    const lines = [
      'II. NHIỆM VỤ TRỌNG TÂM',
      '1. Tổ chức tập huấn kỹ năng hòa giải ở cơ sở cho các tổ trưởng tổ hòa giải và chủ tịch',
      'Hội Nông dân các xã.',
      'Đơn vị chủ trì: Phòng Tư pháp. _. Đơnvị phối hợp: Trung tâm Chính trị huyện;',
      'Ủy ban nhân dân các xã, thị trấn.',
      'Thời gian thực hiện: 6 tháng cuối năm 2026.',
      '2. Kiểm tra việc thực hiện',
      'Các phòng chuyên môn kiểm tra định kỳ.',
      'Đơn vị chủ trì: Thanh tra huyện.',
    ];
    const paras = paragraphs(lines, 0, lines.length);
    const tree = buildSections(paras);
    // Item 1 is a task, not a section (its number is no part of it); item 2, a short heading before its text, is a section.
    expect(tree.sections[0]!.children.map((c) => c.label)).toEqual(['2']);
    expect(fieldTasks(paras, tree, null)).toEqual([
      {
        content: 'Tổ chức tập huấn kỹ năng hòa giải ở cơ sở cho các tổ trưởng tổ hòa giải và chủ tịch Hội Nông dân các xã.',
        lead: ['Phòng Tư pháp'],
        support: ['Trung tâm Chính trị huyện', 'Ủy ban nhân dân các xã, thị trấn'],
        timeline: { text: '6 tháng cuối năm 2026', start: '2026-07-01', end: '2026-12-31', recurring: false },
        section: 'II',
      },
      // the one paragraph under a short heading words the task (as every single-block section here does)
      { content: 'Các phòng chuyên môn kiểm tra định kỳ.', lead: ['Thanh tra huyện'], support: [], timeline: null, section: 'II/2' },
    ]);
  });

  it('reads a second "I." as the "II." an OCR lost a stroke of, and names the task after its own heading', () => {
    const lines = ['I. MỤC ĐÍCH', '1. Mục đích', '- Nâng cao nhận thức.', 'I. NỘI DUNG', '1. Tổ chức hội nghị tập huấn', 'Đơn vị chủ trì: Công an xã.', 'II. TỔ CHỨC THỰC HIỆN'];
    const paras = paragraphs(lines, 0, lines.length);
    const tree = buildSections(paras);
    expect(tree.sections.map((s) => s.label)).toEqual(['I', 'II', 'III']);
    expect(fieldTasks(paras, tree, null).map((t) => [t.content, t.section])).toEqual([['Tổ chức hội nghị tập huấn', 'II/1']]);
  });

  it("writes a heading's number into the text as the sections read it, with its dot, and a bracketed label as printed", () => {
    const lines = ['I MỤC ĐÍCH', 'Nội dung.', 'I. NỘI DUNG', '1. Tuyên truyền', 'Nội dung.', '2. Tập huấn', 'a) Cấp xã', 'III. TỔ CHỨC THỰC HIỆN'];
    const paras = paragraphs(lines, 0, lines.length);
    relabelHeadings(lines, paras, buildSections(paras));
    expect(lines).toEqual(['I. MỤC ĐÍCH', 'Nội dung.', 'II. NỘI DUNG', '1. Tuyên truyền', 'Nội dung.', '2. Tập huấn', 'a) Cấp xã', 'III. TỔ CHỨC THỰC HIỆN']);
  });

  it('reads Roman numerals whose dot the OCR lost before a short heading, where the numbering proves them', () => {
    const lines = ['A. MỤC ĐÍCH, YÊU CẦU', 'I Mục đích', 'Cụ thể hóa các nhiệm vụ.', 'IL Yêu cầu', 'Các cơ quan bám sát nội dung.', 'B. TỔ CHỨC THỰC HIỆN', 'X Quang là một kỹ thuật'];
    const paras = paragraphs(lines, 0, lines.length);
    const tree = buildSections(paras);
    expect(tree.sections.map((s) => [s.label, s.children.map((c) => `${c.label} ${c.heading}`)])).toEqual([
      ['A', ['I Mục đích', 'II Yêu cầu']],
      ['B', []],
    ]);
  });

  it('reads a list item ending on a colon as content where the next item follows it at once', () => {
    const lines = ['Điều 1. Thành lập Tổ công tác gồm các ông, bà có tên sau:', '1. Ông Nguyễn Văn A, Phó Chủ tịch - Tổ trưởng:', '2. Bà Lê Thị B, công chức - Tổ phó;', '3. Các Trưởng thôn - Thành viên.', 'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.'];
    const paras = paragraphs(lines, 0, lines.length);
    expect(buildSections(paras).sections).toEqual([]);
    // A heading with text under it stays one.
    const plan = ['1. Mục đích', 'Nâng cao nhận thức.', '2. Yêu cầu', 'Bảo đảm đúng quy định.'];
    expect(buildSections(paragraphs(plan, 0, plan.length)).sections.map((s) => s.label)).toEqual(['1', '2']);
  });

  it('reads a first "1." before a heading in capitals as "I." where "II." follows it', () => {
    const lines = ['1. MỤC ĐÍCH, YÊU CẦU', 'Nâng cao nhận thức.', 'II. NHIỆM VỤ', 'Rà soát phương án.'];
    expect(buildSections(paragraphs(lines, 0, lines.length)).sections.map((s) => s.label)).toEqual(['I', 'II']);
    // Arabic headings under a Roman one stay as printed.
    const nested = ['I. NỘI DUNG', '1. TUYÊN TRUYỀN', 'Nội dung.', '2. KIỂM TRA', 'Nội dung.', 'II. TỔ CHỨC THỰC HIỆN'];
    expect(buildSections(paragraphs(nested, 0, nested.length)).sections.map((s) => [s.label, s.children.map((c) => c.label)])).toEqual([['I', ['1', '2']], ['II', []]]);
  });

  it('reads "H." in capitals after "I." as the "II." whose strokes the OCR joined, not as a part H', () => {
    const lines = ['I. MỤC ĐÍCH', 'Nâng cao nhận thức.', 'H. NHIỆM VỤ', 'Rà soát phương án.', 'III. TỔ CHỨC THỰC HIỆN', 'Các thôn thực hiện.'];
    expect(buildSections(paragraphs(lines, 0, lines.length)).sections.map((s) => s.label)).toEqual(['I', 'II', 'III']);
    const parts = ['G. PHẦN BẢY', 'I. MỘT', 'Nội dung.', 'H. PHẦN TÁM', 'Nội dung.'];
    expect(buildSections(paragraphs(parts, 0, parts.length)).sections.map((s) => s.label)).toEqual(['G', 'H']);
  });

  it('keeps a repeated numeral the order cannot mend ("IV." twice)', () => {
    const lines = ['III. MỘT', 'IV. HAI', 'IV. BA'];
    const paras = paragraphs(lines, 0, lines.length);
    expect(buildSections(paras).sections.map((s) => s.label)).toEqual(['III', 'IV', 'IV']);
  });

  it('reads several fields printed on one line, each after the sentence of the one before', () => {
    const lines = ['II. NHIỆM VỤ', '1. Tổ chức trực ban', 'Đơn vị thực hiện: Các thành viên Ban Chỉ huy. Thời gian: Từ ngày 01/6/2026 đến 30/11/2026.'];
    const paras = paragraphs(lines, 0, lines.length);
    const [task] = fieldTasks(paras, buildSections(paras), null);
    expect(task!.lead).toEqual(['Các thành viên Ban Chỉ huy']);
    expect(task!.timeline).toMatchObject({ start: '2026-06-01', end: '2026-11-30' });
  });

  it('keeps a task open over other attributes listed among its fields ("Sản phẩm:", "Kinh phí:")', () => {
    const lines = ['II. NHIỆM VỤ', '1. Xây dựng kế hoạch', '- Cơ quan chủ trì: Phòng Nội vụ.', '- Sản phẩm: Kế hoạch được ban hành.', '- Thời gian hoàn thành: Quý I/2026.', '2. Tổ chức tập huấn', '- Cơ quan chủ trì: Phòng Tư pháp.', '- Kinh phí: Ngân sách xã.', '- Thời gian: Quý II/2026.'];
    const paras = paragraphs(lines, 0, lines.length);
    expect(fieldTasks(paras, buildSections(paras), null).map((t) => [t.content, t.lead, t.timeline?.text])).toEqual([
      ['Xây dựng kế hoạch', ['Phòng Nội vụ'], 'Quý I/2026'],
      ['Tổ chức tập huấn', ['Phòng Tư pháp'], 'Quý II/2026'],
    ]);
  });

  it('takes an item without its mark, also one an OCR wrote in capitals or as ¢', () => {
    const lines = ['I. NHIỆM VỤ', '1. Truyền thông', '', 'C) Cập nhật tin, bài về chuyển đổi số.', '', '- Đơn vị chủ trì: Văn phòng.', '', '¢) Tổ chức cuộc thi.', '', '- Đơn vị chủ trì: Huyện đoàn.'];
    const paras = paragraphs(lines, 0, lines.length);
    expect(fieldTasks(paras, buildSections(paras), null).map((t) => t.content)).toEqual(['Cập nhật tin, bài về chuyển đổi số.', 'Tổ chức cuộc thi.']);
  });

  it('takes the one paragraph under each heading as the task where the document words every task so', () => {
    const block = (lead: string) => ['', `- Đơn vị chủ trì: ${lead}.`, '', '- Thời gian thực hiện: Quý II/2026.'];
    const section = (heading: string, ...body: string[]) => ['', heading, ...body.flatMap((b) => ['', b])];
    const doc = (second: string[]) => {
      const lines = ['I. NHIỆM VỤ', ...section('1. Đối với các trường học', 'Tổ chức tập huấn kỹ năng an toàn cho học sinh toàn trường.'), ...block('Phòng Giáo dục'), ...second, ...block('Trạm Y tế')];
      const paras = paragraphs(lines, 0, lines.length);
      return fieldTasks(paras, buildSections(paras), null).map((t) => t.content);
    };
    expect(doc(section('2. Công tác y tế', 'Khám sức khỏe định kỳ cho trẻ em trong độ tuổi đến trường.'))).toEqual([
      'Tổ chức tập huấn kỹ năng an toàn cho học sinh toàn trường.',
      'Khám sức khỏe định kỳ cho trẻ em trong độ tuổi đến trường.',
    ]);
    // One section's fields close several paragraphs: the heading sums them up, and so in every section.
    expect(doc(section('2. Công tác y tế', '- Khám sức khỏe định kỳ cho trẻ em.', '- Tiêm chủng mở rộng cho trẻ em.'))).toEqual(['Đối với các trường học', 'Công tác y tế']);
  });

  it('reads a field label whose vowel a repair restored wrongly ("phối hẹp"), and only a label so', () => {
    expect(fieldsOf('- Đơn vị phối hẹp: Trưởng các thôn.')).toEqual([{ field: 'support', value: 'Trưởng các thôn.' }]);
    expect(fieldsOf('- Thừi gian thực hiện: Tháng 3/2026.')).toEqual([{ field: 'time', value: 'Tháng 3/2026.' }]);
    expect(fieldsOf('- Chi trả: 5.000.000 đồng.')).toBeNull();
    // a hospital's departments name the field; two nouns may share it
    expect(fieldsOf('+ Khoa, phòng chủ trì: Phòng Điều dưỡng.')).toEqual([{ field: 'lead', value: 'Phòng Điều dưỡng.' }]);
    expect(fieldsOf('+ Khoa/phòng phối hợp: Khoa Khám bệnh.')).toEqual([{ field: 'support', value: 'Khoa Khám bệnh.' }]);
    expect(fieldsOf('+ Thời gian hoàn thành: Quý I/2027.')).toEqual([{ field: 'time', value: 'Quý I/2027.' }]);
  });

  it('reads fields an item carries on its own line after its sentence, a label at the line\'s end included', () => {
    const lines = [
      'II. NHIỆM VỤ CỤ THỂ',
      '1. Tổ chức ra quân tổng vệ sinh môi trường. Đơn vị chủ trì: Công chức Địa chính - Xây dựng. Thời gian thực hiện: Tháng 8/2026.',
      '2. Kiểm tra việc thu gom rác thải tại các chợ và khu dân cư. Đơn vị chủ trì:',
      'Công an phường. Thời gian thực hiện: Quý III/2026.',
      'III. TỔ CHỨC THỰC HIỆN',
    ];
    const paras = paragraphs(lines, 0, lines.length);
    const tree = buildSections(paras);
    // Items whose line holds a sentence's end are no headings.
    expect(tree.sections.map((s) => [s.label, s.children.length])).toEqual([['II', 0], ['III', 0]]);
    expect(fieldTasks(paras, tree, null).map((t) => [t.content, t.lead, t.timeline?.text, t.section])).toEqual([
      ['Tổ chức ra quân tổng vệ sinh môi trường.', ['Công chức Địa chính - Xây dựng'], 'Tháng 8/2026', 'II'],
      ['Kiểm tra việc thu gom rác thải tại các chợ và khu dân cư.', ['Công an phường'], 'Quý III/2026', 'II'],
    ]);
  });

  it('takes the "-" item just before "+" fields as the task, though its section holds no other block', () => {
    const lines = ['1. Công tác chuẩn bị', '- Rà soát sách, báo cho thư viện.', '- Tổ chức Ngày hội đọc sách cấp trường.', '+ Đơn vị chủ trì: Các trường.', '+ Thời gian thực hiện: Tháng 10/2026.', '2. Chế độ báo cáo'];
    const paras = paragraphs(lines, 0, lines.length);
    expect(fieldTasks(paras, buildSections(paras), null).map((t) => [t.content, t.section])).toEqual([['Tổ chức Ngày hội đọc sách cấp trường.', '1']]);
  });

  it('splits unit lists without breaking names that contain a comma', () => {
    expect(splitUnits('Phòng Văn hóa, Khoa học và Thông tin, Ủy ban MTTQ và các tổ chức chính trị - xã hội; các đơn vị liên quan.')).toEqual([
      'Phòng Văn hóa, Khoa học và Thông tin',
      'Ủy ban MTTQ và các tổ chức chính trị - xã hội',
      'các đơn vị liên quan',
    ]);
    // Staff named after a body are a unit of their own; a group of staff stays one.
    expect(splitUnits('Hội Liên hiệp Phụ nữ xã, nhân viên y tế thôn.')).toEqual(['Hội Liên hiệp Phụ nữ xã', 'nhân viên y tế thôn']);
    expect(splitUnits('cán bộ, công chức, viên chức')).toEqual(['cán bộ, công chức, viên chức']);
    // A team or a union's branch starts a unit as a body does.
    expect(splitUnits('Ban Quản lý chợ, Đội dân phòng thôn, Chi đoàn trường.')).toEqual(['Ban Quản lý chợ', 'Đội dân phòng thôn', 'Chi đoàn trường']);
    // A colon between two bodies' names is a semicolon the OCR misread; after a label, or before words, it stays.
    expect(splitUnits('Phòng Kinh tế và Hạ tầng: UBND các xã')).toEqual(['Phòng Kinh tế và Hạ tầng', 'UBND các xã']);
    expect(splitUnits('Chủ trì: Sở Y tế')).toEqual(['Chủ trì: Sở Y tế']);
    expect(splitUnits('Sở Y tế: phối hợp')).toEqual(['Sở Y tế: phối hợp']);
  });
});

describe('appendix tables', () => {
  it('reads task rows from a table whose columns the OCR flattened line by line', () => {
    const lines = [
      'Phụ lục',
      'TT | Nội dung | Sản phẩm | Thời gian thực hiện | Cơ quan chủ trì | Cơ quan phối hợp',
      'Triển khai Hoàn thành',
      '1 | Tổ chức tập huấn nghiệp vụ | Lớp | Quý II/ | Quý III/ | Phòng Nội vụ | Các xã, thị trấn',
      'cho công chức cấp xã 2026 2026',
      '2 | Kiểm tra công tác văn thư | Báo cáo | Tháng 9/2026 | Tháng 11/2026 | Văn phòng | Các cơ quan',
      '3 | Cập nhật cơ sở dữ liệu | Dữ liệu | Thường xuyên | Thường xuyên | Trung tâm Dữ liệu | Các phòng',
    ];
    expect(tableTasks(lines, 0).map((t) => [t.content, t.lead, t.support, t.timeline && [t.timeline.start, t.timeline.end, t.timeline.recurring]])).toEqual([
      ['Tổ chức tập huấn nghiệp vụ cho công chức cấp xã', ['Phòng Nội vụ'], ['Các xã, thị trấn'], ['2026-04-01', '2026-09-30', false]],
      ['Kiểm tra công tác văn thư', ['Văn phòng'], ['Các cơ quan'], ['2026-09-01', '2026-11-30', false]],
      ['Cập nhật cơ sở dữ liệu', ['Trung tâm Dữ liệu'], ['Các phòng'], [null, null, true]],
    ]);
  });

  it('reads a table led by "Đơn vị thực hiện", its numbers marked "_|" or "3. |", and ends it at the next section', () => {
    const lines = [
      'II. NỘI DUNG, THỜI GIAN THỰC HIỆN',
      'STT | Nội dung | Đơn vị thực hiện | Thời gian | Ghi chú',
      '1 | Tổ chức hội nghị triển khai | Ban Thường vụ | Tháng 3/2026 | Toàn xã',
      '2 _| Phát động phong trào thi đua | Các chi hội | Quý II/2026',
      '3. | Tổng kết năm | Ban Thường vụ | Tháng 12/2026',
      'III. KINH PHÍ',
      'Kinh phí do ngân sách xã bảo đảm.',
    ];
    expect(tableTasks(lines, 0).map((t) => [t.content, t.lead, t.timeline?.start])).toEqual([
      ['Tổ chức hội nghị triển khai', ['Ban Thường vụ'], '2026-03-01'],
      ['Phát động phong trào thi đua', ['Các chi hội'], '2026-04-01'],
      ['Tổng kết năm', ['Ban Thường vụ'], '2026-12-01'],
    ]);
  });

  it('cuts each printed line of a row into its cells when no rule separates them', () => {
    // Cells wrap over lines, the OCR read the first row's "1" as "Ì", and the header repeats on the next page.
    const lines = [
      'TT Nội dung Sản Thời gian thực hiện Cơ quan | Cơ quan',
      'phẩm chủ trì phối hợp',
      'Triển Hoàn',
      'khai thành',
      'Ì | Tổ chức hội nghị sơ kết | Báo cáo Tháng Tháng Văn phòng Các phòng,',
      'công tác văn thư, lưu trữ 6/2026 12/2026 | UBND | ban, ngành',
      '2 Kiểm tra việc thực hiện Biên bản Quý II/ Quý IV/ Phòng Nội Các xã,',
      'TT Nội dung Sản Thời gian thực hiện Cơ quan | Cơ quan',
      'phẩm chủ trì phối hợp',
      'quy chế dân chủ ở cơ sở 2026 2026 vụ thị trấn',
    ];
    expect(tableTasks(lines, 0).map((t) => [t.content, t.lead, t.support, t.timeline && [t.timeline.text, t.timeline.start, t.timeline.end]])).toEqual([
      ['Tổ chức hội nghị sơ kết công tác văn thư, lưu trữ', ['Văn phòng UBND'], ['Các phòng, ban, ngành'], ['Tháng 6/2026 - Tháng 12/2026', '2026-06-01', '2026-12-31']],
      ['Kiểm tra việc thực hiện quy chế dân chủ ở cơ sở', ['Phòng Nội vụ'], ['Các xã, thị trấn'], ['Quý II/2026 - Quý IV/2026', '2026-04-01', '2026-12-31']],
    ]);
  });

  it('takes the columns in the order the header prints them, as the word boxes of a scan mark the cells', () => {
    const lines = [
      'TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian',
      '1 | Tổ chức hội nghị phổ biến pháp luật | Công an xã | Các thôn | Quý II/2026',
      '2 | Tuyên truyền trên loa truyền thanh | Văn phòng UBND xã | Đoàn Thanh niên | Thường xuyên',
    ];
    expect(tableTasks(lines, 0).map((t) => [t.content, t.lead, t.support, t.timeline?.text])).toEqual([
      ['Tổ chức hội nghị phổ biến pháp luật', ['Công an xã'], ['Các thôn'], 'Quý II/2026'],
      ['Tuyên truyền trên loa truyền thanh', ['Văn phòng UBND xã'], ['Đoàn Thanh niên'], 'Thường xuyên'],
    ]);
  });

  it('reads on over a heading across a group of rows, which is no row and no section heading', () => {
    const lines = [
      'TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện',
      'I | CÔNG TÁC TUYÊN TRUYỀN',
      '1 | Tổ chức hội nghị phổ biến pháp luật | Công an xã | Các thôn | Quý II/2026',
      'II. CÔNG TÁC KIỂM TRA',
      '2 | Kiểm tra các điểm họp chợ | Công an xã | Trưởng các thôn | Tháng 11/2026',
      'III. TỔ CHỨC THỰC HIỆN',
      'Các thôn triển khai.',
    ];
    expect(tableTasks(lines, 0).map((t) => [t.content, t.lead, t.timeline?.text])).toEqual([
      ['Tổ chức hội nghị phổ biến pháp luật', ['Công an xã'], 'Quý II/2026'],
      ['Kiểm tra các điểm họp chợ', ['Công an xã'], 'Tháng 11/2026'],
    ]);
  });

  it('takes the cells a scan marked as they stand, a cell\'s second line included', () => {
    const lines = [
      'TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian',
      '1 | Tổ chức hội nghị phổ biến | Công an xã | Các thôn | Quý II/2026',
      ' | pháp luật cho Nhân dân |  |  | ',
      '2 | Tuyên truyền trên loa truyền thanh |  | Đoàn Thanh niên | Thường xuyên',
    ];
    expect(tableTasks(lines, 0).map((t) => [t.content, t.lead, t.support, t.timeline?.text])).toEqual([
      ['Tổ chức hội nghị phổ biến pháp luật cho Nhân dân', ['Công an xã'], ['Các thôn'], 'Quý II/2026'],
      ['Tuyên truyền trên loa truyền thanh', [], ['Đoàn Thanh niên'], 'Thường xuyên'],
    ]);
  });

  it('reads a marked table whose two-level header is written on two lines ("… | Thời gian" over "Bắt đầu | Hoàn thành")', () => {
    const lines = ['TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian', 'Bắt đầu | Hoàn thành', '1 | Tổ chức hội nghị | Sở Tài chính | Các sở | Tháng 2/2026 | Tháng 3/2026'];
    const grid = gridTables(lines);
    expect(grid[0]!.columns).toEqual(['number', 'content', 'lead', 'support', 'start', 'end']);
    expect(gridTableTasks(grid[0]!)?.map((t) => [t.lead, t.support, t.timeline?.start, t.timeline?.end])).toEqual([[['Sở Tài chính'], ['Các sở'], '2026-02-01', '2026-03-31']]);
  });

  it('takes "Người phụ trách" as the lead column, also from flattened text', () => {
    const marked = ['TT | Nội dung công việc | Người phụ trách | Phối hợp | Thời gian', '1 | Tổ chức lớp học bơi an toàn | Phó Hiệu trưởng | Công an xã | Tháng 5/2027 -Tháng 6/2027'];
    expect(tableTasks(marked, 0).map((t) => [t.lead, t.support, t.timeline?.end])).toEqual([[['Phó Hiệu trưởng'], ['Công an xã'], '2027-06-30']]);
    const grid = gridTables(marked);
    expect(grid[0]!.columns).toEqual(['number', 'content', 'lead', 'support', 'time']);
    expect(gridTableTasks(grid[0]!)?.[0]?.lead).toEqual(['Phó Hiệu trưởng']);
  });

  it('reads start and end columns of a marked table into one period', () => {
    const lines = ['TT | Nội dung | Thời gian triển khai | Thời gian hoàn thành | Cơ quan chủ trì', '1 | Tổ chức hội nghị | Tháng 8/2025 | Tháng 12/2025 | Công an xã'];
    expect(tableTasks(lines, 0)[0]).toMatchObject({ lead: ['Công an xã'], timeline: { start: '2025-08-01', end: '2025-12-31' } });
  });

  it('gives a row the lines above its number, where the cells are centred in their rows', () => {
    // The number cell is level with the middle of a content cell of three lines: the row's first line comes before
    // it, and the row above ends where a line starts as a row does. "Thời gian" was read above the header's line.
    const lines = [
      'Thời gian',
      'STT Nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp hoàn thành',
      'Tổ chức tập huấn nghiệp vụ cho',
      '1 | cán bộ, công chức và người | Văn phòng | Các phòng, ban | Quý II/2026',
      'lao động của cơ quan',
      'Rà soát, cập nhật dữ liệu dân cư',
      '2 | trên địa bàn, bảo đảm thông tin | Công an xã | Các thôn | Tháng 9/2026',
      'đầy đủ và chính xác',
      'III. KINH PHÍ',
    ];
    expect(tableTasks(lines, 0).map((t) => [t.content, t.lead, t.support, t.timeline?.text])).toEqual([
      ['Tổ chức tập huấn nghiệp vụ cho cán bộ, công chức và người lao động của cơ quan', ['Văn phòng'], ['Các phòng, ban'], 'Quý II/2026'],
      ['Rà soát, cập nhật dữ liệu dân cư trên địa bàn, bảo đảm thông tin đầy đủ và chính xác', ['Công an xã'], ['Các thôn'], 'Tháng 9/2026'],
    ]);
  });

  it('takes a last header cell garbled past reading, over cells that are periods, for the time column', () => {
    const lines = [
      'STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp fae an',
      '1 | Tổ chức hội nghị triển khai | Công an xã | Các thôn | Tháng 3/2026',
      '2 | Kiểm tra các điểm họp chợ | Văn phòng | Các thôn | Quý II/2026',
    ];
    expect(tableTasks(lines, 0).map((t) => [t.lead, t.support, t.timeline?.text])).toEqual([
      [['Công an xã'], ['Các thôn'], 'Tháng 3/2026'],
      [['Văn phòng'], ['Các thôn'], 'Quý II/2026'],
    ]);
  });

  it('finds no table in ordinary numbered text', () => {
    expect(tableTasks(['1. Nội dung tuyên truyền', '2. Đơn vị chủ trì, phối hợp', '3. Kinh phí'], 0)).toEqual([]);
  });
});

describe('closing block', () => {
  it('reads the title beside "Nơi nhận:" of a signer in their own name when the OCR lost its first word\'s case', () => {
    const lines = ['Nơi nhận: Gián ĐỐC', '- Như trên;', '- Lưu: VT.', 'Nguyễn Hữu Phước'];
    expect(parseClosing(lines, 0, lines.length)).toMatchObject({ signature: { title: 'GIÁM ĐỐC', name: 'Nguyễn Hữu Phước' }, recipients: ['Như trên', 'Lưu: VT'] });
  });

  it("keeps a name whole whose inner word a signature's stroke garbled, not only its last words", () => {
    const lines = ['Nơi nhận: HIỆU TRƯỞNG', '- Như trên;', '- Lưu: VT.', 'Trần Hà§ Minh Anh'];
    // Cut to its last capitalised words, "Minh Anh" would be taken for the whole name.
    expect(parseClosing(lines, 0, lines.length).signature.name).toBe('Trần Hà§ Minh Anh');
  });

  it('takes capitals beside "Nơi nhận:" for what the OCR kept of the signature column, not for an item', () => {
    expect(parseClosing(['Nơi nhận: U TỊCH', '- Sở Y tế (b/c);', '- Lưu: VT.'], 0).recipients).toEqual(['Sở Y tế (b/c)', 'Lưu: VT']);
    expect(parseClosing(['Nơi nhận: BÀ', '- Lưu: VT.'], 0).recipients).toEqual(['Lưu: VT']);
    // an item written beside the header, in small letters or dashed, stays one
    expect(parseClosing(['Nơi nhận: Như trên;', '- Lưu: VT.'], 0).recipients).toEqual(['Như trên', 'Lưu: VT']);
    expect(parseClosing(['Nơi nhận: - UBND;', '- Lưu: VT.'], 0).recipients).toEqual(['UBND', 'Lưu: VT']);
  });

  it("reads a name whose first capital the OCR lost, under a title a seal garbled, as a name and not a title", () => {
    const lines = ['Nơi nhận:', '- Công an tỉnh (b/c);', '- Lưu: VT, CA.', 'KTL CHỦ TỊCH', 'ĐRØ GHỸỦ TỊCH', '', 'trương Công Hậu'];
    // "Trương Công Hậu" is a few letters from "TRƯỞNG PHÒNG": before, it was taken for the lost title
    expect(parseClosing(lines, 0).signature).toEqual({ authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Trương Công Hậu' });
    // a wrapped item in small letters before capitals is no name: it starts with no family name
    expect(parseClosing(['Nơi nhận:', '- Ủy ban nhân dân', 'các Phường Xã;', '- Lưu: VT.'], 0).signature.name).toBeNull();
  });

  it('reads an authority whose period the OCR read as a comma, or lost', () => {
    for (const [line, authority] of [['KT, TRƯỞNG PHÒNG', 'KT. TRƯỞNG PHÒNG'], ['TM, ỦY BAN NHÂN DÂN', 'TM. ỦY BAN NHÂN DÂN'], ['KT CHỦ TỊCH', 'KT. CHỦ TỊCH']])
      expect(parseClosing(['Nơi nhận:', '- Lưu: VT.', line, 'PHÓ CHỦ TỊCH'], 0).signature.authority).toBe(authority);
  });

  it('reads an authority whose marker a seal garbled into its letters, and the title under it', () => {
    const c = parseClosing(['Nơi nhận:', '- UBND tỉnh (b/c);', '- Lưu: VT, CNTY.', 'KTE.GIÁM ĐỐC', 'BPHỎ GiÁM ĐỐC', 'Lê Bảo Tuấn'], 0);
    expect(c.signature).toEqual({ authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Lê Bảo Tuấn' });
    // a title is no authority, however close its letters come to one
    expect(parseClosing(['Nơi nhận:', '- Lưu: VT.', 'PHÓ GIÁM ĐỐC', 'Lê Bảo Tuấn'], 0).signature).toMatchObject({ authority: null, title: 'PHÓ GIÁM ĐỐC' });
  });

  it('reads a recipients\' list whose "Nơi nhận:" the OCR lost, up to its archive copy, with the signature column between', () => {
    const lines = ['Nơi dung đã nêu trên./.', 'T/M ĐẢNG ỦY', '- Ban Thường vụ Tỉnh ủy (b/c),', 'BỊ TH', '- Các chi bộ trực thuộc,', '- Lưu Văn phòng Đảng ủy.', 'Lý Thu Công Lộc'];
    const c = parseClosing(lines, 1, lines.length, true);
    expect(c.recipients).toEqual(['Ban Thường vụ Tỉnh ủy (b/c)', 'Các chi bộ trực thuộc', 'Lưu Văn phòng Đảng ủy']);
    expect(c.signature).toEqual({ authority: 'T/M ĐẢNG ỦY', title: 'BÍ THƯ', name: 'Lý Thu Công Lộc' });
    // a duty in the body that starts with "Lưu" is no archive copy: no list
    expect(parseClosing(['- Rà soát hồ sơ;', '- Lưu trữ hồ sơ đúng quy định.'], 0).recipients).toEqual([]);
  });

  it("mends the list's fixed forms an OCR misread: \"(b/o)\" for \"(b/c)\", \"Lưu: VI\" for \"Lưu: VT\"", () => {
    const c = parseClosing(['Nơi nhận:', '- UBND tỉnh (b/o);', '- Sở Tài chính;', '- Lưu: VI, KHTC.', 'Nguyễn Văn An'], 0);
    expect(c.recipients).toEqual(['UBND tỉnh (b/c)', 'Sở Tài chính', 'Lưu: VT, KHTC']);
  });

  it("takes no authority from a seal's lettering read as a marker and a letter (\"CHƯ TM H\")", () => {
    expect(parseClosing(['Nơi nhận:', '- Như Điều 4;', '- Lưu: VT.', 'CHƯ TM H'], 0).signature.authority).toBeNull();
  });

  it('leaves the specks between the columns out of an item, and takes a name after "Lưu" whose family name is one letter off', () => {
    const lines = ['Nơi nhận: TL. CHỦ TỊCH', '- TT Đảng ủy, TT HĐND xã (b/c); & TÃNH VĂN PHÒNG', '- Công an xã;', '- Lưu: VT. Lrần Minh Nhựt'];
    const c = parseClosing(lines, 0);
    expect(c.recipients).toEqual(['TT Đảng ủy, TT HĐND xã (b/c)', 'Công an xã', 'Lưu: VT']);
    expect(c.signature).toEqual({ authority: 'TL. CHỦ TỊCH', title: 'CHÁNH VĂN PHÒNG', name: 'Trần Minh Nhựt' });
  });
  it('reads a title and a name behind the specks a stamp leaves, and a title a stamp garbled', () => {
    const lines = ['Nơi nhận:', '- Sở Y tế tỉnh (b/c);', '- Lưu: VT, VHXH.', 'TM. ỦY BAN NHÂN DÂN', '- . CHỦ TỊCH', '', '. Hà Văn Thịnh'];
    const c = parseClosing(lines, 0);
    expect(c.signature).toEqual({ authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Hà Văn Thịnh' });
    expect(c.recipients).toEqual(['Sở Y tế tỉnh (b/c)', 'Lưu: VT, VHXH']);
    expect(readTitle("CHỦ 'IICH")).toBe('CHỦ TỊCH');
    // A seal's speck read as a small letter in a word of capitals, where nothing else reads as a title.
    expect(readTitle('¬<wBÍ TU')).toBe('BÍ THƯ');
    expect(readTitle('Bình thường')).toBeNull();
    // Words a seal's specks ran together: the title nearest by its letters, spaces aside.
    expect(readTitle('PHÓ BÌS<HUƯ')).toBe('PHÓ BÍ THƯ');
    expect(readTitle('PHÓ TRƯỞNG PHÒNG')).toBe('PHÓ TRƯỞNG PHÒNG');
  });

  it('ends the recipients at the "Lưu" item: footnotes printed under the signature are no recipients', () => {
    const lines = [
      'Nơi nhận:', '- Thường trực Huyện ủy (b/c),', '- Lưu Văn phòng Đảng ủy.', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ', 'Hồ Sĩ Long',
      'Ì Theo Quyết định số 342-QĐ/TW ngày 28/12/2010 của Bộ Chính trị.', '2 Các chi bộ khai thác Đề cương hoặc nhận bản', 'in tại Văn phòng.',
    ];
    const c = parseClosing(lines, 0);
    expect(c.recipients).toEqual(['Thường trực Huyện ủy (b/c)', 'Lưu Văn phòng Đảng ủy']);
    expect(c.signature).toEqual({ authority: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ', name: 'Hồ Sĩ Long' });
  });

  it('separates recipients from a signature the OCR merged into them', () => {
    const c = parseClosing(
      ['Trên đây là Kế hoạch của Ủy ban nhân dân xã./.', 'Nơi nhận: KT. CHỦ TỊCH', '- Sở Nội vụ (b/c); PHÓ CHỦ TỊCH', '- Lãnh đạo UBND xã;', '- Lưu: VT.', '', 'Nguyễn Thị Hoa'],
      0,
    );
    expect(c.recipients).toEqual(['Sở Nội vụ (b/c)', 'Lãnh đạo UBND xã', 'Lưu: VT']);
    expect(c.signature).toEqual({ authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Thị Hoa' });
    expect(c.start).toBe(1);
  });

  it('reads the block column by column too, as the reading order of a scan gives it', () => {
    const c = parseClosing(['Nơi nhận:', '- UBND huyện (b/c);', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Trần Văn Bình'], 0);
    expect(c.recipients).toEqual(['UBND huyện (b/c)', 'Lưu: VT']);
    expect(c.signature).toEqual({ authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Trần Văn Bình' });
  });
  it('reads an authority whose slash the OCR misread, and an item that wraps after an OCR period', () => {
    const c = parseClosing(['Nơi nhận:', '- Ban Tuyên giáo Thành. PHÓ BÍ THƯ', 'ủy,', '- Lưu VT.', 'TJ/M BAN THƯỜNG VỤ'], 0);
    expect(c.recipients).toEqual(['Ban Tuyên giáo Thành ủy', 'Lưu VT']);
    expect(parseClosing(['Nơi nhận:', '- Như trên;', 'Lưu VT.'], 0).recipients).toEqual(['Như trên', 'Lưu VT']);
    expect(c.signature).toMatchObject({ authority: 'T/M BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ' });
  });

  it('takes the signature a text layer gives before "Nơi nhận" into the closing block', () => {
    const lines = ['II. TỔ CHỨC THỰC HIỆN', 'Các đơn vị triển khai thực hiện./.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', '(Đã ký)', 'Trần Văn Bình', 'Nơi nhận:', '- UBND huyện;', '- Lưu: VT.'];
    const c = parseClosing(lines, 0);
    expect(c.start).toBe(2);
    expect(c.signature).toEqual({ authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Trần Văn Bình' });
    expect(c.recipients).toEqual(['UBND huyện', 'Lưu: VT']);
    // A name alone above "Nơi nhận" is no signature block.
    expect(parseClosing(['Các đơn vị thực hiện.', 'Trần Văn Bình', 'Nơi nhận:', '- Lưu: VT.'], 0).start).toBe(2);
  });

  it('takes the authority right above the title when the body and the chair are both printed', () => {
    const c = parseClosing(['Nơi nhận:', '- Đảng ủy phường;', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '', 'Lê Minh Tuấn'], 0);
    expect(c.signature).toEqual({ authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Lê Minh Tuấn' });
  });

  it('gives "KT." its deputy\'s title where the title\'s line reads as no known title, and keeps one that does', () => {
    const under = (title: string) => parseClosing(['Nơi nhận:', '- Sở Y tế (b/c);', '- Lưu: VỊ, KTTH.', 'KT. GIÁM ĐỐC', title, '', 'Trần Văn Bình'], 0);
    expect(under('HỒ GÌ:GIÁM ĐỐC').signature.title).toBe('PHÓ GIÁM ĐỐC');
    expect(under('PHÓ GIÁM ĐỐC THƯỜNG TRỰC').signature.title).toBe('PHÓ GIÁM ĐỐC THƯỜNG TRỰC');
    // The archive copy's "VT" with a speck under its T.
    expect(under('PHÓ GIÁM ĐỐC').recipients.at(-1)).toBe('Lưu: VT, KTTH');
  });

  it('takes the authority at the end of a "Nơi nhận:" row garbled past reading', () => {
    const c = parseClosing(['Báo cáo Ban Thường vụ./.', 'De ¬ | 5 | Tinh | iyfb | K/T TRƯỞNG BAN', '- Ban Tuyên giáo Tỉnh ủy (b/c),', '- Lưu BTGDVHU.', 'Mai Công Hùng'], 1);
    expect(c.signature).toEqual({ authority: 'K/T TRƯỞNG BAN', title: 'PHÓ TRƯỞNG BAN', name: 'Mai Công Hùng' });
    expect(c.recipients).toEqual(['Ban Tuyên giáo Tỉnh ủy (b/c)', 'Lưu BTGDVHU']);
    // No header at all, and the stamp read as cells beside the archive note.
    const headless = parseClosing(['chỉ đạo./.', 'T/M BAN THƯỜNG VỤ', '- Ban Thường vụ Tỉnh ủy (b/c), ìỊ THƯ', '- Lưu Văn phòng Huyện ủy. | A | vị'], 1);
    expect(headless.recipients).toEqual(['Ban Thường vụ Tỉnh ủy (b/c)', 'Lưu Văn phòng Huyện ủy']);
  });

  it('mends the archive note\'s spacing and drops what a seal left after it; splits a garbled name off an item', () => {
    const mended = [
      ['Lưu:VT,YT', 'Lưu: VT, YT'],
      ['Lưu: VT. G_. Văn v', 'Lưu: VT'],
      ['Lưu: VT, P.KT', 'Lưu: VT, P.KT'],
      ['Lưu: VT, Phòng Tư pháp', 'Lưu: VT, Phòng Tư pháp'],
      ['TT HĐND xã (b/O)', 'TT HĐND xã (b/c)'],
      // the signature column's letters read across after the item's end
      ['UBND tỉnh (b/c); sHC-FLCH', 'UBND tỉnh (b/c)'],
      ['Các trường (t/h); KT. HIỆU', 'Các trường (t/h)'],
      ['Sở Y tế (b/c)', 'Sở Y tế (b/c)'],
      ['Như kính gắt', 'Như kính gửi'],
      ['Như Kính giri', 'Như Kính gửi'],
      ['Như trên', 'Như trên'],
    ];
    for (const [read, item] of mended) expect(mendRecipient(read!)).toBe(item);
    const c = parseClosing(['Nơi nhận:', '- Sở Y tế;', '- Công an huyện; Lý xù Khoa', '- Lưu: VT.'], 0);
    expect(c.recipients).toEqual(['Sở Y tế', 'Công an huyện', 'Lưu: VT']);
    // after a comma, the item's next body: no name
    const body = parseClosing(['Nơi nhận:', '- Ban XD Đảng, UBKT, Văn phòng Đảng', 'ủy,', '- Lưu VP.'], 0);
    expect(body.signature.name).toBeNull();
    expect(body.recipients[0]).toBe('Ban XD Đảng, UBKT, Văn phòng Đảng ủy');
  });

  it('gives "TM." of a people\'s committee its chair where a seal took the title, and no other body', () => {
    const lost = (authority: string) => parseClosing(['Nơi nhận:', '- Sở Y tế (b/c);', '- Lưu: VT.', authority, '', 'Trần Văn Bình'], 0).signature;
    expect(lost('TM. ỦY BAN NHÂN DÂN')).toEqual({ authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Trần Văn Bình' });
    // A party committee's "T/M" may be signed by its secretary or a deputy: nothing to infer.
    expect(lost('T/M BAN THƯỜNG VỤ').title).toBeNull();
  });

  it('takes a title the OCR garbled after scanner specks, and a name after a complete item', () => {
    const c = parseClosing(
      ['Nơi nhận: KT. CHỦ TỊCH', '- Sở Tư pháp; . PHỔ CHfJ TÍCH', '- Các phòng, ban huyện; \'', 'i Hung dogn g y Lê Văn Nam', '- UBND; CHỦ TỊCH', '- Lưu: VT.'],
      0,
    );
    expect(c.recipients).toEqual(['Sở Tư pháp', 'Các phòng, ban huyện', 'UBND', 'Lưu: VT']);
    expect(c.signature).toEqual({ authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Lê Văn Nam' });
  });

  it("reads a signer's name with each word capitalised once and a family name one letter off, and no other", () => {
    expect(readName('Đuàn Văn SÁng')).toBe('Đoàn Văn Sáng');
    expect(readName('Sầm Văn Bình')).toBe('Sầm Văn Bình');
    expect(readName('Trần Thị Hoa')).toBe('Trần Thị Hoa');
    // Near several family names: as read.
    expect(readName('Hâ Văn Bình')).toBe('Hâ Văn Bình');
    const c = parseClosing(['Nơi nhận:', '- Lưu VT.', 'T/M ĐẢNG ỦY', 'BÍ THƯ', 'lâm Thanh PHong'], 0);
    expect(c.signature.name).toBe('Lâm Thanh Phong');
    expect(c.recipients).toEqual(['Lưu VT']);
    // An item printed without its dash after a merged title is no name.
    const merged = parseClosing(['Nơi nhận: KT. CHỦ TỊCH', '- Sở Nội vụ (b/c); PHÓ CHỦ TỊCH', 'Lưu VT', 'Nguyễn Văn An'], 0);
    expect(merged.recipients).toEqual(['Sở Nội vụ (b/c)', 'Lưu VT']);
    expect(merged.signature.name).toBe('Nguyễn Văn An');
  });

  it('reads a title only where one is: a known title or one letter in five misread, no more', () => {
    expect(readTitle('PHÓ BÍ THƯ THƯỜNG TRỰC')).toBe('PHÓ BÍ THƯ THƯỜNG TRỰC');
    expect(readTitle('PHÓ BÍ THƯ THƯỜNG TRwC')).toBe('PHÓ BÍ THƯ THƯỜNG TRỰC');
    expect(readTitle('PHO GIAM DOC')).toBe('PHÓ GIÁM ĐỐC');
    expect(readTitle('CHU TJCH')).toBe('CHỦ TỊCH');
    expect(readTitle('SỞ TƯ PHÁP')).toBeNull();
    expect(readTitle('ỦY BAN NHÂN DÂN')).toBeNull();
  });

  it('finds the block under a "Nơi nhận:" the OCR garbled, by its items and the authority after them', () => {
    const lines = ['Các đơn vị thực hiện./.', 'Đá nhốn: HHôn:', '- Ban Thường vụ Tỉnh ủy (b/c),', '- Lưu Văn phòng.', 'T/M ĐẢNG ỦY', 'BÍ THƯ', 'Vũ Thị Lan'];
    const c = parseClosing(lines, 0);
    expect(c.start).toBe(1);
    expect(c.recipients).toEqual(['Ban Thường vụ Tỉnh ủy (b/c)', 'Lưu Văn phòng']);
    expect(c.signature).toEqual({ authority: 'T/M ĐẢNG ỦY', title: 'BÍ THƯ', name: 'Vũ Thị Lan' });
    // A field heading in the body followed by items is no closing block: no authority follows.
    expect(parseClosing(['Đơn vị phối hợp:', '- Phòng Y tế;', '- Công an xã.', 'Các đơn vị thực hiện.'], 0).start).toBe(4);
  });

  it('reads "K/F" as K/T, a title whose case and spaces were lost, and the stamp read as cells beside an item', () => {
    const c = parseClosing(
      ['Nơi nhận: | _— | K/F TRƯỞNG BAN', '- MTTQ huyện, | NA | TN', '- Ban Xây dựng Đảng, | (để t/h),', '- Lưu VT.', 'cHÚTICH', 'Trịnh Thị Nhung'],
      0,
    );
    expect(c.recipients).toEqual(['MTTQ huyện', 'Ban Xây dựng Đảng, (để t/h)', 'Lưu VT']);
    expect(c.signature).toEqual({ authority: 'K/T TRƯỞNG BAN', title: 'CHỦ TỊCH', name: 'Trịnh Thị Nhung' });
    // A body a stamp's specks broke up reads as the body whose letters it has; one with more words stays as read.
    expect(parseClosing(['Nơi nhận:', '- Lưu VT.', 'TM. UY-BAN.NHÂN DÂN', 'CHỦ TỊCH'], 0).signature.authority).toBe('TM. ỦY BAN NHÂN DÂN');
    expect(parseClosing(['Nơi nhận:', '- Lưu VT.', 'TM. BAN CHỈ ĐẠO XÃ', 'TRƯỞNG BAN'], 0).signature.authority).toBe('TM. BAN CHỈ ĐẠO XÃ');
    // A name the OCR garbled, merged into the last item after its family name: no part of the item.
    const merged = parseClosing(['Nơi nhận: KT. CHỦ TỊCH', '- Sở Tư pháp (b/c); PHÓ CHỦ TỊCH', '- Ban nhân dân các thôn; Võ Thị KD Loan', '-Lưu:VT.'], 0);
    expect(merged.recipients).toEqual(['Sở Tư pháp (b/c)', 'Ban nhân dân các thôn', 'Lưu: VT']);
    expect(merged.signature.name).toBe('Võ Thị Kd Loan');
    expect(parseClosing(['Nơi nhận:', '- Trưởng các thôn; Lưu VT', 'TM. ỦY BAN NHÂN DÂN'], 0).recipients).toEqual(['Trưởng các thôn; Lưu VT']);
    // A signer in their own name: the title beside "Nơi nhận:" is no recipient.
    const own = parseClosing(['Nơi nhận: HIỆU TRƯỞNG', '- UBND xã (b/c);', '- Lưu: VT.', 'Trịnh Văn Khoa'], 0);
    expect(own.recipients).toEqual(['UBND xã (b/c)', 'Lưu: VT']);
    expect(own.signature).toEqual({ authority: null, title: 'HIỆU TRƯỞNG', name: 'Trịnh Văn Khoa' });
  });
});

describe('names the repair misspelt once', () => {
  const text = 'UBND phường Hòa Lợi; phường Hòa Lợi; nhân dân phường Hòa Lợi; Hòa Lợi, ngày 2 tháng 3 năm 2026';
  it('takes the spelling the document uses most among forms with the same letters', () => {
    expect(consensusSpelling('Hòa Lội', text)).toBe('Hòa Lợi');
  });
  it('takes a form one letter away only when the document writes it at least three times as often', () => {
    expect(consensusSpelling('Hia Lợi', text)).toBe('Hia Lợi');
    expect(consensusSpelling('Hia Lợi', text, true)).toBe('Hòa Lợi');
    expect(consensusSpelling('Hia Lợi', `${text}; Hia Lợi; Hia Lợi`, true)).toBe('Hia Lợi');
  });
});

describe('paragraphs', () => {
  it('takes a year at the head of a wrapped line for the line before it, not for a numbered item', () => {
    const ps = paragraphs(['- Tổng hợp kết quả đánh giá đảng viên năm', '2027.', 'Chủ trì: Văn phòng Đảng ủy.', '12. Báo cáo kết quả.'], 0, 4);
    expect(ps.map((p) => p.text)).toEqual(['- Tổng hợp kết quả đánh giá đảng viên năm 2027.', 'Chủ trì: Văn phòng Đảng ủy.', '12. Báo cáo kết quả.']);
    // A Roman numeral read with an H starts a heading after a table row.
    expect(paragraphs(['| Tài liệu được số hóa | Trang | 58.400 |', 'IH. NHIỆM VỤ TRỌNG TÂM'], 0, 2)).toHaveLength(2);
  });
});

describe('references', () => {
  it("writes a symbol's D as Đ where the issuer named after it has Đ at that initial (an English-model OCR's D)", () => {
    const refs = findReferences('theo Quyết định số 03/QD-BVD ngày 12/3/2026 của Ban Vận động Quỹ xã; Công văn số 7/CV-DTN ngày 02/3/2026 của Đoàn Thanh niên; Kế hoạch số 9/KH-UBND ngày 01/3/2026 của Ủy ban nhân dân xã Dân Tiến.', { number: null, symbol: null });
    expect(refs.map((r) => r.symbol)).toEqual(['QĐ-BVĐ', 'CV-ĐTN', 'KH-UBND']);
    expect(symbolDsFromIssuer('KH-DTN', 'Dân quân tự vệ')).toBe('KH-DTN'); // a D where the name has one
  });

  it("takes an appendix's \"Kèm theo\" line for the document itself, its number misread, and another of the same body's for a reference", () => {
    const text = 'Căn cứ Kế hoạch số 25/KH-SYT ngày 20/01/2026 của Sở Y tế;\nPHỤ LỤC\n(Kèm theo Kế hoạch số 119/KH-TTYT ngày 12/02/2026)\nThực hiện Kế hoạch số 100/KH-TTYT ngày 01/02/2026.';
    expect(findReferences(text, { number: '118', symbol: 'KH-TTYT' }).map((r) => `${r.number}/${r.symbol}`)).toEqual(['25/KH-SYT', '100/KH-TTYT']);
    expect(findReferences('(Kèm theo Kế hoạch số 118/KH-TT YT ngày 12/02/2026)', { number: '118', symbol: 'KH-TTYT' })).toEqual([]);
  });
  it("reads a normative document's number with its year in the symbol, its type from the words before", () => {
    const refs = findReferences('Căn cứ Luật Trẻ em số 102/2016/QH13 ngày 05 tháng 4 năm 2016; Căn cứ Nghị định số 56/2017/NĐ-CP ngày 09 tháng 5 năm 2017 của Chính phủ; giai đoạn 2021-2030; năm 2026/2027.', { number: null, symbol: null });
    expect(refs.map((r) => [r.type, r.number, r.symbol])).toEqual([
      ['Luật', '102', '2016/QH13'],
      ['Nghị định', '56', '2017/NĐ-CP'],
    ]);
  });
  it('reads a law cited by its name and date as a reference with no number, in order of mention', () => {
    const text = [
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
      'Căn cứ Kế hoạch số 12/KH-UBND ngày 02/3/2026 của UBND tỉnh;',
      'Căn cứ Luật Hỗ trợ doanh nghiệp nhỏ và vừa ngày 12 tháng 6 năm 2017;',
      'theo Luật Trẻ em số 102/2016/QH13 ngày 05 tháng 4 năm 2016 và Luật Đầu tư công; Luật Tổ chức chính quyền địa phương ngày 16/6/2025.',
      'Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;',
    ].join('\n');
    expect(findReferences(text, { number: null, symbol: null }).map((r) => [r.type, r.number, r.date, r.name ?? null])).toEqual([
      ['Luật', null, '2025-06-16', 'Luật Tổ chức chính quyền địa phương'],
      ['Kế hoạch', '12', '2026-03-02', null],
      ['Luật', null, '2017-06-12', 'Luật Hỗ trợ doanh nghiệp nhỏ và vừa'],
      ['Luật', '102', '2016-04-05', null],
      // a comma inside a law's name
      ['Luật', null, '2013-06-19', 'Luật Phòng, chống thiên tai'],
    ]);
  });
  it('cites a congress resolution, which has no number, where the front matter names it, not where the body does', () => {
    const text = [
      'KẾ HOẠCH',
      'thực hiện Nghị quyết Đại hội đại biểu Đảng bộ xã Tân Lập',
      'lần thứ II, nhiệm kỳ 2025 - 2030',
      'Căn cứ Hướng dẫn số 05-HD/BTGTU ngày 02/10/2025 của Ban Tuyên giáo Tỉnh ủy,',
      'I. MỤC ĐÍCH, YÊU CẦU',
      'Gắn với việc thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV và Nghị quyết Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ II.',
    ].join('\n');
    expect(findReferences(text, { number: null, symbol: null }, 4).map((r) => [r.number, r.symbol, r.issuer, r.name ?? null])).toEqual([
      [null, null, 'Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ II', 'Nghị quyết Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ II, nhiệm kỳ 2025 - 2030'],
      ['05', 'HD/BTGTU', 'Ban Tuyên giáo Tỉnh ủy', null],
    ]);
    // Without front matter, as in a body's passing mention, none.
    expect(findReferences(text, { number: null, symbol: null }).filter((r) => r.number === null)).toEqual([]);
  });
  it("leaves out the document's own number line, also as read before the header mended its symbol", () => {
    const text = 'SỞ Y TẾ\nSố: 112/KH-SVT\nCăn cứ Kế hoạch số 112/QĐ-UBND ngày 05/01/2027 của UBND tỉnh;';
    expect(findReferences(text, { number: '112', symbol: 'KH-SYT' }).map((r) => [r.number, r.symbol])).toEqual([['112', 'QĐ-UBND']]);
  });
  it('finds each cited document once, also when its symbol is broken over two lines', () => {
    const refs = findReferences(
      'Thực hiện Kế hoạch số 82/KH-UBND ngày 17/4/2025 của UBND tỉnh về truyền thông và Kế hoạch hành động số 20-\nKH/BCĐ ngày 19/01/2026; Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Kế hoạch số 82/KH-UBND.',
      { number: '5', symbol: 'KH-UBND' },
    );
    expect(refs.map((r) => [r.type, r.number, r.symbol, r.date])).toEqual([
      ['Kế hoạch', '82', 'KH-UBND', '2025-04-17'],
      ['Kế hoạch', '20', 'KH/BCĐ', '2026-01-19'],
      ['Nghị quyết', '57', 'NQ/TW', '2024-12-22'],
    ]);
    expect(refs[0]!.issuer).toBe('UBND tỉnh');
  });

  it('keeps "và" inside an issuer\'s name, and ends the issuer at "và" before another document or a small letter', () => {
    const own = { number: null, symbol: null };
    const issuers = (t: string) => findReferences(t, own).map((r) => r.issuer);
    expect(issuers('Căn cứ Hướng dẫn số 07-HD/BTGDVTU ngày 30/10/2025 của Ban Tuyên giáo và Dân vận Tỉnh ủy về việc tuyên truyền')).toEqual([
      'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    ]);
    expect(issuers('Nghị quyết số 57-NQ/TW của Bộ Chính trị và các văn bản')).toEqual(['Bộ Chính trị']);
    expect(issuers('Kế hoạch số 5/KH-UBND của UBND tỉnh và Kế hoạch số 6/KH-UBND')).toEqual(['UBND tỉnh', null]);
  });

  it('ends an issuer at the paragraph or list item after it', () => {
    const own = { number: null, symbol: null };
    const letter = 'V/v thực hiện Kế hoạch số 30/KH-UBND ngày 01/3/2026 của UBND tỉnh\n\nKính gửi:\n- Các phòng';
    expect(findReferences(letter, own)[0]!.issuer).toBe('UBND tỉnh');
    expect(findReferences('Căn cứ Quyết định số 12/QĐ-UBND của UBND huyện\n- Các xã', own)[0]!.issuer).toBe('UBND huyện');
  });

  it('reads codes an OCR damaged with one look-alike glyph, also across a line break inside the symbol', () => {
    const refs = findReferences(
      'Thực hiện Chỉ thị số 12/CT-\n1Tg ngày 3/5/2024 của Thủ tướng; Nghị quyết số 18-\nINQ/TW; Kế hoạch số 9-KH/BCB35 của Ban Chỉ đạo.',
      { number: null, symbol: null },
    );
    expect(refs.map((r) => `${r.number} ${r.symbol}`)).toEqual(['12 CT-TTg', '18 NQ/TW', '9 KH/BCĐ35']);
  });
});

describe('parse (library)', () => {
  it('turns clean text into a valid plan', () => {
    const plan = parseText(['ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ AN BÌNH Độc lập - Tự do - Hạnh phúc', 'Số: 7/KH-UBND An Bình, ngày 5 tháng 5 năm 2025', 'KẾ HOẠCH', 'Thực hành tiết kiệm năm 2025', '', 'I. MỤC ĐÍCH', '- Tiết kiệm chi thường xuyên.'].join('\n'));
    expect(plan.document.number).toBe('7');
    expect(plan.sections.map((s) => s.heading)).toEqual(['MỤC ĐÍCH']);
    expect(plan.text.split('\n')).toHaveLength(8);
  });

  it("warns where a signature block has no name, no signature is read, or a name has a word that is no syllable", () => {
    const head = ['ỦY BAN NHÂN DÂN', 'XÃ AN BÌNH', 'Số: 7/KH-UBND', 'KẾ HOẠCH', 'Thực hành tiết kiệm năm 2025', '', 'I. MỤC ĐÍCH', '- Tiết kiệm chi thường xuyên.', 'Nơi nhận:', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'];
    const codes = (lines: string[]) => parseText(lines.join('\n')).warnings.filter((w) => w.code === 'SIGNER_NAME').map((w) => w.message);
    expect(codes(head)).toEqual(["no signer's name read under the signature"]);
    expect(codes([...head, 'Trần Nšph Nhựt'])).toEqual(['the signer\'s name "Trần Nšph Nhựt" may be misread']);
    expect(codes([...head, 'Trần Minh Nhựt'])).toEqual([]);
    // No signature read at all: the block a seal covered, or an old OCR left out.
    expect(codes(head.slice(0, -2))).toEqual(["no signature read (no signer's title or name): check the closing block"]);
  });
});

describe('footnotes', () => {
  const HEAD = ['ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ AN BÌNH Độc lập - Tự do - Hạnh phúc', 'Số: 9/KH-UBND An Bình, ngày 2 tháng 6 năm 2025', 'KẾ HOẠCH', 'Chuyển đổi số năm 2025', ''];
  const body = (marker: string, note: string[]) => [
    ...HEAD,
    'I. NỘI DUNG',
    `- Phổ biến các kế hoạch của tỉnh về chuyển đổi số${marker}.`,
    '- Đưa nội dung tuyên truyền về chuyển đổi số vào tài liệu sinh hoạt',
    '',
    ...note,
    '',
    '4',
    '',
    'chi bộ và các buổi sinh hoạt chuyên đề tại các thôn, tổ dân phố.',
    'II. TỔ CHỨC THỰC HIỆN',
    '- Các cơ quan, đơn vị thực hiện nghiêm túc Kế hoạch này.',
  ];

  it('takes the block before a page break that the body cites out of the body, with its marker', () => {
    const plan = parseText(body('1', ['1 Kế hoạch số 12/KH-UBND ngày 3/3/2025 của UBND tỉnh về chuyển đổi số', 'trên địa bàn tỉnh năm 2025.']).join('\n'));
    expect(plan.footnotes).toEqual([{ marker: '1', text: 'Kế hoạch số 12/KH-UBND ngày 3/3/2025 của UBND tỉnh về chuyển đổi số trên địa bàn tỉnh năm 2025.' }]);
    const content = plan.sections[0]!.text;
    expect(content).not.toContain('12/KH-UBND');
    expect(content.split('\n')).not.toContain('4');
    expect(content).toContain('chi bộ và các buổi sinh hoạt');
    // The reference in the footnote is still a reference of the document; the plan's text keeps every line.
    expect(plan.references.map((r) => r.symbol)).toContain('KH-UBND');
    expect(plan.text).toContain('1 Kế hoạch số 12/KH-UBND');
  });

  it('reads the "I" an OCR makes of a superscript 1 in small type as marker 1', () => {
    const note = ['I Kế hoạch số 12/KH-UBND ngày 3/3/2025 của Ủy ban nhân dân tỉnh về chuyển đổi số trong các cơ quan nhà nước,', 'doanh nghiệp và người dân trên địa bàn tỉnh năm 2025.'];
    expect(parseText(body('!', note).join('\n')).footnotes.map((n) => n.marker)).toEqual(['1']);
  });

  it('takes notes that stand one after another, also under the closing block at the end', () => {
    const lines = [
      ...body('¹', ['¹ Kế hoạch số 12/KH-UBND ngày 3/3/2025 của UBND tỉnh.', '', '² Số liệu đến ngày 30/5/2025.']),
      'Nơi nhận:', '- Lưu: VT.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An', '', '³ Theo Quyết định số 5/QĐ-UBND ngày 2/1/2025.',
    ];
    lines[HEAD.length + 2] += ' Số liệu² và quyết định³.';
    const plan = parseText(lines.join('\n'));
    expect(plan.footnotes.map((n) => n.marker)).toEqual(['1', '2', '3']);
    expect(plan.recipients).toEqual(['Lưu: VT']);
  });

  it('leaves a numbered line of ordinary type that nothing cites in the body', () => {
    const plan = parseText(body('', ['2 Tổ chức hội nghị sơ kết sáu tháng đầu năm 2025.']).join('\n'));
    expect(plan.footnotes).toEqual([]);
    expect(plan.sections[0]!.text).toContain('2 Tổ chức hội nghị sơ kết');
  });
});

describe('signature under KT.', () => {
  it('gives a deputy\'s title where the title line was lost or read as the head\'s', () => {
    expect(parseClosing(['Nơi nhận:', '- Sở Nội vụ;', '- Lưu: VT.', 'KT. GIÁM ĐỐC', 'Nguyễn Văn An'], 0).signature).toEqual({
      authority: 'KT. GIÁM ĐỐC',
      title: 'PHÓ GIÁM ĐỐC',
      name: 'Nguyễn Văn An',
    });
    expect(parseClosing(['Nơi nhận:', '- Sở Nội vụ;', '- Lưu: VT.', 'KT CHỦ TỊCH', 'Nguyễn Văn An'], 0).signature.title).toBe('PHÓ CHỦ TỊCH');
    // a title that was read stays as read
    expect(parseClosing(['Nơi nhận:', '- Sở Nội vụ;', '- Lưu: VT.', 'KT. BỘ TRƯỞNG', 'THỨ TRƯỞNG', 'Nguyễn Văn An'], 0).signature.title).toBe('THỨ TRƯỞNG');
  });

  it('reads a "KT." whose marker a scan garbled beside the recipients, in the house style of the body', () => {
    const lines = ['Nơi nhận:', '- Sở Nội vụ (b/c), | qKž CHỦ TJCH', '- Các phòng, ban, | | Hš ĐỐC', '- Lưu VT. | |', 'Lê VĂž Bình'];
    const state = parseClosing(lines, 0).signature;
    expect(state).toEqual({ authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Lê Văž Bình' });
    expect(parseClosing(lines, 0, lines.length, true).signature.authority).toBe('K/T CHỦ TỊCH');
    // A title the OCR garbled whole under the authority is the title, and no recipient.
    const whole = parseClosing(['Nơi nhận:', '- Sở Nội vụ (b/c);', 'KT. GIÁM ĐỐC', 'P1IO GAM ĐỐC', '- Lưu: VT.'], 0);
    expect(whole.recipients).toEqual(['Sở Nội vụ (b/c)', 'Lưu: VT']);
    expect(whole.signature.title).toBe('PHÓ GIÁM ĐỐC');
    // A signer's own title beside "Nơi nhận:", a letter or two in small letters under the seal, is no recipient.
    const own = parseClosing(['Nơi nhận: xốIỆu TRƯỚNG', '- Phòng GDĐT (b/c);', '- Lưu: VT.'], 0);
    expect([own.signature.title, own.recipients]).toEqual(['HIỆU TRƯỞNG', ['Phòng GDĐT (b/c)', 'Lưu: VT']]);
    // … also on the line of "Nơi nhận:" itself.
    expect(parseClosing(['Nơi nhận: qKž CHỦ TJCH', '- Sở Nội vụ (b/c),', '- Lưu VT.'], 0).signature).toEqual({ authority: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: null });
    // No K, or a title no deputy holds in the head's name: no authority is made up.
    const lost = (cell: string) => parseClosing(['Nơi nhận:', `- Sở Nội vụ (b/c), | ${cell}`, '- Lưu VT.'], 0).signature.authority;
    expect(lost('qXž CHỦ TỊCH')).toBeNull();
    expect(lost('qKž PHÓ CHỦ TỊCH')).toBeNull();
  });
});
