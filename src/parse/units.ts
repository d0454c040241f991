// A printed list of units ("Ban Xây dựng Đảng, Ủy ban MTTQ và các tổ chức chính trị - xã hội; các tổ chức
// đảng trực thuộc") into units, without breaking a name that has a comma of its own ("Phòng Văn hóa, Khoa học
// và Thông tin") or a phrase ("các phòng, ban, ngành"; "cơ quan, đơn vị liên quan"): a comma only separates
// when what follows starts a body's name with a capital, or with "các", or names staff after a body ("Hội Phụ nữ
// xã, nhân viên y tế thôn"; but "cán bộ, công chức, viên chức" is one group of staff).
import { startsWithBody, startsWithStaff } from './vocabulary.js';

const isBodyName = (s: string) => startsWithBody(s) && /^\p{Lu}/u.test(s);

export function splitUnits(text: string): string[] {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/[.;,]+$/, '');
  if (!clean) return [];
  const out: string[] = [];
  // A unit's name holds no colon: one between two bodies' names is a semicolon the OCR misread ("Phòng Kinh tế
  // và Hạ tầng: UBND các xã"). Not after a label ("Chủ trì: Sở Y tế"), which names no body.
  const parts = clean.split(/\s*;\s*/).flatMap((part) => {
    const at = part.split(/\s*:\s+/);
    return at.length > 1 && at.every((p) => isBodyName(p)) ? at : [part];
  });
  for (const part of parts) {
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
