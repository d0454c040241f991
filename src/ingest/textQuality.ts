// Is an existing text layer good Vietnamese, or the diacritic-less output of an English-model OCR that is
// better read again? Measured, not guessed: the share of words that are well-formed Vietnamese syllables
// (marks and all), and the share that carry Vietnamese marks at all.
import { hasLetter, hasVietnameseMarks, isVietnameseSyllable } from '../repair/vietnamese.js';

export interface TextQuality {
  words: number;
  /** share of words that are well-formed Vietnamese syllables as written */
  syllableShare: number;
  /** share of words that carry a Vietnamese diacritic */
  markedShare: number;
  verdict: 'none' | 'good' | 'legacy';
}

/** Below this many words a layer is treated as absent (a stray page number, a stamp). */
const MIN_WORDS = 8;
/** Typed Vietnamese: ≥ 85 % of words are syllables and ~70 % carry marks; English-model OCR of it: ≤ 60 % and ≤ 25 %. */
const GOOD_SYLLABLE_SHARE = 0.75;
const GOOD_MARKED_SHARE = 0.4;

export function assessText(text: string): TextQuality {
  const words = text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => hasLetter(w) && !/[0-9]/.test(w) && !(w.length > 1 && w === w.toUpperCase() && !/[^A-Z]/.test(w)));
  if (words.length < MIN_WORDS) return { words: words.length, syllableShare: 0, markedShare: 0, verdict: 'none' };
  const syllables = words.filter(isVietnameseSyllable).length;
  const marked = words.filter(hasVietnameseMarks).length;
  const syllableShare = syllables / words.length;
  const markedShare = marked / words.length;
  const verdict = syllableShare >= GOOD_SYLLABLE_SHARE && markedShare >= GOOD_MARKED_SHARE ? 'good' : 'legacy';
  return { words: words.length, syllableShare, markedShare, verdict };
}
