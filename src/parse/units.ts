// A printed list of units ("Ban Xây dựng Đảng, Ủy ban MTTQ và các tổ chức chính trị - xã hội; các tổ chức
// đảng trực thuộc") into units, without breaking a name that has a comma of its own ("Phòng Văn hóa, Khoa học
// và Thông tin") or a phrase ("các phòng, ban, ngành"; "cơ quan, đơn vị liên quan"): a comma only separates
// when what follows starts a body's name with a capital, or with "các", or names staff after a body ("Hội Phụ nữ
// xã, nhân viên y tế thôn"; but "cán bộ, công chức, viên chức" is one group of staff).
import { startsWithBody, startsWithStaff } from './vocabulary.js';

export function splitUnits(text: string): string[] {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/[.;,]+$/, '');
  if (!clean) return [];
  const out: string[] = [];
  for (const part of clean.split(/\s*;\s*/)) {
    const pieces = part.split(/\s*,\s*/);
    let cur = '';
    for (const piece of pieces) {
      const body = startsWithBody(piece) && (/^\p{Lu}/u.test(piece) || /^các\s/u.test(piece));
      const staff = startsWithStaff(piece) && /^\p{Lu}/u.test(cur);
      if (cur && (body || staff)) {
        out.push(cur);
        cur = piece;
      } else cur = cur ? `${cur}, ${piece}` : piece;
    }
    if (cur) out.push(cur);
  }
  return out.map((u) => u.replace(/^[-+•]\s*/, '').trim()).filter(Boolean);
}
