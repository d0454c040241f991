// Domain vocabulary of Vietnamese administrative documents: document types and their codes (Decree 30/2020
// Appendix III; the Party's Regulation 66), the mottos, and the nouns that start the name of a body.
// General to every document of the kind; nothing here comes from one particular document.
import { key } from './text.js';

export const DOCUMENT_TYPES: [name: string, code: string | null][] = [
  ['Nghị quyết', 'NQ'],
  ['Quyết định', 'QĐ'],
  ['Chỉ thị', 'CT'],
  ['Kết luận', 'KL'],
  ['Quy chế', 'QC'],
  ['Quy định', 'QyĐ'],
  ['Thông cáo', 'TC'],
  ['Thông báo', 'TB'],
  ['Thông tri', 'TT'],
  ['Hướng dẫn', 'HD'],
  ['Chương trình hành động', 'CTr'],
  ['Chương trình', 'CTr'],
  ['Kế hoạch', 'KH'],
  ['Phương án', 'PA'],
  ['Đề án', 'ĐA'],
  ['Dự án', 'DA'],
  ['Báo cáo', 'BC'],
  ['Biên bản', 'BB'],
  ['Tờ trình', 'TTr'],
  ['Hợp đồng', 'HĐ'],
  ['Công điện', 'CĐ'],
  ['Giấy mời', 'GM'],
  ['Công văn', 'CV'],
  ['Nghị định', 'NĐ'],
  ['Thông tư', 'TT'],
  ['Luật', null],
  ['Pháp lệnh', null],
  ['Quy hoạch', 'QH'],
];

export const TYPE_BY_KEY = new Map(DOCUMENT_TYPES.map(([name, code]) => [key(name), { name, code }]));
export const TYPE_CODES = new Set(DOCUMENT_TYPES.map(([, c]) => c).filter((c): c is string => !!c));

/** Issuer codes of the bodies that issue most documents, central to local (the second part of a symbol). */
export const ISSUER_CODES = new Set([
  'TTg', 'CP', 'TW', 'QH', 'UBTVQH', 'VPCP', 'BCT', 'BBT', 'UBND', 'HĐND', 'TU', 'HU', 'QU', 'ĐU', 'ĐUK', 'BCĐ', 'BTV', 'BTGTU',
  'BTGDVTU', 'BDVTU', 'MTTQ', 'BNV', 'BTTTT', 'BKHCN', 'BVHTTDL', 'SNV', 'STTTT', 'SVHTTDL', 'SKHCN',
  // Mass organisations: the youth union (central, provincial, district, grassroots), the women's and farmers'
  // unions, the labour federation.
  'TWĐTN', 'TĐTN', 'HĐTN', 'ĐTN', 'HPN', 'HND', 'LĐLĐ',
]);

export function typeFromCode(code: string): string | null {
  return DOCUMENT_TYPES.find(([, c]) => c === code)?.[0] ?? null;
}

export const MOTTOS = [
  { text: 'Cộng hòa xã hội chủ nghĩa Việt Nam', sub: 'Độc lập - Tự do - Hạnh phúc' },
  { text: 'Đảng Cộng sản Việt Nam', sub: null },
  // The youth union's documents carry its name where the state's carry the national motto.
  { text: 'Đoàn TNCS Hồ Chí Minh', sub: null },
];

/** Nouns that begin the name of a body or unit ("Phòng …", "Ủy ban …", "Các cơ quan …"). */
export const BODY_STARTS = [
  'ủy ban', 'ubnd', 'hđnd', 'ubmttq', 'hội đồng', 'đảng bộ', 'đảng ủy', 'đảng đoàn', 'ban', 'bộ', 'sở', 'phòng', 'chi bộ',
  'công an', 'quân sự', 'trung tâm', 'văn phòng', 'tỉnh ủy', 'thành ủy', 'huyện ủy', 'quận ủy', 'thị ủy', 'mặt trận', 'đoàn',
  'hội', 'cục', 'tổng cục', 'viện', 'trường', 'bệnh viện', 'trạm', 'chính phủ', 'thủ tướng', 'tổ', 'cơ quan', 'các',
  'đơn vị', 'ngân hàng', 'kho bạc', 'chi cục', 'liên đoàn', 'công đoàn', 'thường trực', 'lãnh đạo', 'uỷ ban', 'bch', 'ubkt',
  'mttq', 'thanh tra', 'tòa án', 'viện kiểm sát', 'đài', 'báo', 'hợp tác xã', 'doanh nghiệp', 'người đứng đầu', 'cấp ủy',
  // teams and the units of a union or a club ("Đội dân phòng ấp …", "Chi đoàn …", "Câu lạc bộ …")
  'đội', 'chi hội', 'chi đoàn', 'câu lạc bộ', 'tiểu ban',
].map(key);

/** Nouns that name staff rather than a body ("công chức Tư pháp - Hộ tịch xã", "giáo viên chủ nhiệm"). */
const STAFF_STARTS = ['công chức', 'viên chức', 'cán bộ', 'nhân viên', 'giáo viên', 'tổ trưởng', 'trưởng thôn', 'trưởng ấp', 'trưởng khu phố', 'báo cáo viên', 'tuyên truyền viên'].map(key);

/** Whether s starts with one of the (keyed) words or phrases, as a whole word. */
const startsWithOneOf = (starts: string[]) => (s: string): boolean => {
  const k = key(s);
  return starts.some((b) => k === b || k.startsWith(`${b} `));
};

export const startsWithStaff = startsWithOneOf(STAFF_STARTS);
export const startsWithBody = startsWithOneOf(BODY_STARTS);

/** Collective bodies a signer signs for ("TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ"; Decree 30, App. I). */
export const COLLECTIVE_BODIES = [
  'ỦY BAN NHÂN DÂN', 'THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN', 'HỘI ĐỒNG NHÂN DÂN', 'BAN THƯỜNG VỤ', 'BAN CHẤP HÀNH', 'ĐẢNG ỦY',
  'CHI ỦY', 'CHI BỘ', 'BAN CHỈ ĐẠO', 'BAN THƯỜNG TRỰC', 'HỘI ĐỒNG', 'BAN GIÁM HIỆU', 'BAN CHẤP HÀNH CÔNG ĐOÀN', 'ĐOÀN CHỦ TỊCH',
];

/**
 * The titles a signer holds (Decree 30/2020 Appendix I; the Party's Guidance 36), longest first so that
 * "PHÓ CHỦ TỊCH" is found before "CHỦ TỊCH". A title may go on past them ("PHÓ BÍ THƯ THƯỜNG TRỰC",
 * "TRƯỞNG PHÒNG NỘI VỤ").
 */
export const SIGNER_TITLES = [
  'PHÓ BÍ THƯ THƯỜNG TRỰC', 'PHÓ CHỦ TỊCH THƯỜNG TRỰC', 'PHÓ CHỦ TỊCH', 'CHỦ TỊCH', 'PHÓ BÍ THƯ', 'BÍ THƯ', 'PHÓ GIÁM ĐỐC', 'GIÁM ĐỐC', 'PHÓ TRƯỞNG BAN', 'TRƯỞNG BAN',
  'PHÓ TRƯỞNG PHÒNG', 'TRƯỞNG PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH THANH TRA', 'CHÁNH THANH TRA',
  'PHÓ CHỦ NHIỆM', 'CHỦ NHIỆM', 'PHÓ VIỆN TRƯỞNG', 'VIỆN TRƯỞNG', 'PHÓ CỤC TRƯỞNG', 'CỤC TRƯỞNG', 'THỨ TRƯỞNG',
  'BỘ TRƯỞNG', 'PHÓ THỦ TƯỚNG', 'THỦ TƯỚNG', 'THỦ TRƯỞNG', 'ỦY VIÊN', 'PHÓ HIỆU TRƯỞNG', 'HIỆU TRƯỞNG',
];

/**
 * Vietnamese family names (the common ones, which most people bear, and those of the northern uplands): a signer's
 * name starts with one, so a first word an OCR misread by a letter ("Đuàn") is read as the one it is near.
 */
export const SURNAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
  'Lương', 'Đoàn', 'Hà', 'Trịnh', 'Đinh', 'Mai', 'Trương', 'Đào', 'Cao', 'Lâm', 'Tạ', 'Tô', 'Quách', 'Vương', 'Thái',
  'Châu', 'Lưu', 'Kiều', 'Chu', 'Tăng', 'Lại', 'Triệu', 'Khúc', 'Nông', 'Lò', 'Hứa', 'Mạc', 'Đàm', 'Giang', 'Tôn', 'Âu',
  'Ông', 'Thân', 'Quan', 'Kim', 'Lã', 'Khổng', 'Diệp', 'Doãn', 'Đồng', 'Phùng', 'Bạch', 'La', 'Lục', 'Ma', 'Hầu', 'Sầm',
  'Vi', 'Lèo', 'Quàng', 'Cầm', 'Sùng', 'Giàng', 'Thào', 'Vàng', 'Nghiêm', 'Văn', 'Từ', 'Tống', 'Viên',
];
/** The family names as a name's first word is looked up: small letters, NFC. */
export const FAMILY_NAMES: ReadonlySet<string> = new Set(SURNAMES.map((n) => n.normalize('NFC').toLowerCase()));

