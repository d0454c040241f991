// Vietnamese orthography: tone marks, letter modifiers, syllable structure and the tone-placement style of
// government documents ("hòa", "thủy", "khỏe": the old style). Pure functions, used by the LM build, the
// channel, the decoder and the text-layer quality check.

const TONE_MARKS = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'] as const; // huyền sắc ngã hỏi nặng
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS_RE = /[\u0300-\u036f]/g;
const ASCII = /^[\x00-\x7f]*$/;

/** Tone index 0 (none) … 5 of a syllable, and the syllable without its tone (modifiers kept). */
export function splitTone(s: string): { base: string; tone: number } {
  const d = s.normalize('NFD');
  let tone = 0;
  const m = d.match(TONE_RE);
  if (m) tone = TONE_MARKS.indexOf(m[m.length - 1] as (typeof TONE_MARKS)[number]) + 1;
  return { base: d.replace(TONE_RE, '').normalize('NFC'), tone };
}

/** Remove every diacritic: "Đảng" → "Dang". */
export function stripMarks(s: string): string {
  // Most words the repair asks about are already bare (text typed without marks, an old OCR's): no normalising.
  if (ASCII.test(s)) return s;
  return s.normalize('NFD').replace(ALL_MARKS_RE, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

export function hasVietnameseMarks(s: string): boolean {
  return /[\u0300-\u036fđĐ]/.test(s.normalize('NFD'));
}

const INITIAL = '(?:ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?';
const RHYMES = [
  'a ai ao au ay ac ach am an ang anh ap at',
  'ăc ăm ăn ăng ăp ăt',
  'âc âm ân âng âp ât âu ây',
  'e eo ec em en eng ep et',
  'ê êch êm ên ênh êp êt êu',
  'i ia iu ich im in inh ip it iêc iêm iên iêng iêp iêt iêu',
  'yêm yên yêng yêt yêu y',
  'o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet oc oi om on ong op ot ooc oong',
  'ô ôc ôi ôm ôn ông ôp ôt',
  'ơ ơi ơm ơn ơp ơt',
  'u ua uân uâng uât uây uê uêch uênh uy uya uych uyên uyêt uynh uyt uyu uc ui um un ung up ut uôc uôi uôm uôn uông uôp uôt uơ',
  'ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu',
].join(' ');
const SYLLABLE_RE = new RegExp(`^${INITIAL}(?:${RHYMES.split(' ').join('|')})$`);

/** Is this (lowercase or not) a well-formed Vietnamese syllable, tones and modifiers as written? */
export function isVietnameseSyllable(s: string): boolean {
  const { base, tone } = splitTone(s.toLowerCase());
  if (!SYLLABLE_RE.test(base)) return false;
  // Stop finals (c, ch, p, t) take only sắc or nặng.
  return !/(c|ch|p|t)$/.test(base) || tone === 2 || tone === 5;
}

const VOWELS = 'aăâeêioôơuưy';
const MODIFIED = 'ăâêôơư';

/**
 * Put the tone mark where government documents put it (old style: "hòa", "thủy", "khỏe", but "hoàng", "khuyến").
 * Works on one lowercase or capitalised syllable; anything that is not a syllable is returned as it was.
 */
export function placeTone(s: string): string {
  const { base, tone } = splitTone(s);
  if (tone === 0) return s.normalize('NFC');
  const lower = base.toLowerCase();
  // The vowel cluster, after the initial consonant ("qu" and "gi" take their vowel with them).
  let start = 0;
  const m = lower.match(/^(ngh|ch|gh|kh|ng|nh|ph|th|tr|qu|gi|[bcdđghklmnpqrstvx])/);
  if (m) {
    start = m[0].length;
    if ((m[0] === 'gi' || m[0] === 'qu') && !VOWELS.includes(lower[start] ?? '')) start -= 1; // "gì", "gìn"
  }
  let end = start;
  while (end < lower.length && VOWELS.includes(lower[end]!)) end++;
  if (end === start) return s.normalize('NFC');
  const cluster = lower.slice(start, end);
  const hasFinal = end < lower.length;
  let at: number;
  const modIdx = [...cluster].findIndex((c) => MODIFIED.includes(c));
  if (cluster.includes('ươ')) at = cluster.indexOf('ươ') + 1;
  else if (modIdx >= 0 && cluster.length > 1) {
    // the last modified vowel ("uyê" → ê, "ươ" handled above)
    let last = modIdx;
    for (let i = modIdx; i < cluster.length; i++) if (MODIFIED.includes(cluster[i]!)) last = i;
    at = last;
  } else if (modIdx >= 0) at = modIdx;
  else if (hasFinal) at = cluster.length - 1;
  else if (cluster.length >= 3) at = 1;
  else at = 0;
  const pos = start + at;
  const chars = [...base];
  chars[pos] = (chars[pos]! + TONE_MARKS[tone - 1]).normalize('NFC');
  return chars.join('').normalize('NFC');
}

/** Scoring's canonical form: toneless syllable plus its tone, so "hoà" and "hòa" compare equal. */
export function canonicalSyllable(s: string): string {
  const { base, tone } = splitTone(s);
  return tone ? `${base}#${tone}` : base;
}

const LETTER_RE = /\p{L}/u;
export function hasLetter(s: string): boolean {
  return LETTER_RE.test(s);
}

/**
 * Apply the case pattern of `model` (an OCR token) to `word` (its repaired form): all capitals when most of its
 * letters are capitals ("PiCH" is "ĐÍCH" with an OCR'd i), a capital first letter, or lowercase.
 */
export function applyCase(word: string, model: string): string {
  const letters = [...model].filter((c) => c.toLowerCase() !== c.toUpperCase());
  if (letters.length === 0) return word;
  const upper = letters.filter((c) => c !== c.toLowerCase()).length;
  if (letters.length >= 2 && upper / letters.length >= 0.6 && [...word].length > 1) return word.toUpperCase();
  // A digit read for the first letter says nothing: then the first real letter decides ("1y" → "lý").
  if (letters[0] !== letters[0]!.toLowerCase() && (/^\p{L}/u.test(model) || upper === letters.length))
    return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}
