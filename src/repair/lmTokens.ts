// How text becomes language-model tokens, the same way at build time and at decode time: lowercase syllables
// in government tone style, numbers folded to one token, sentences broken at sentence punctuation.
import { placeTone } from './vietnamese.js';

export const BOS = '<s>';
/** the sentence end: a word that ends a sentence ("của phường.") is told from one that rarely does ("phương") */
export const EOS = '</s>';
/** a comma inside a sentence: "tiến độ, kết quả" is told from "tiền do kết quả" by where the comma falls */
export const COMMA = ',';
export const NUM = '<num>';
export const UNK = '<unk>';

/** A word token's LM form, or null when it is not a word (punctuation). */
export function lmForm(core: string): string | null {
  if (core === '') return null;
  if (/^[0-9][0-9.,/]*$/.test(core)) return NUM;
  if (!/\p{L}/u.test(core)) return null;
  return placeTone(core.normalize('NFC').toLowerCase());
}

const SENTENCE_END = /[.!?;:…]$/;

/** Split running text into sentences of LM tokens (for building the model from the corpus). */
export function lmSentences(text: string): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (const raw of text.split(/\s+/)) {
    if (raw === '') continue;
    // Inner punctuation separates words too ("hành-chính", "(CCHC)", "Hà Nội,").
    const parts = raw.split(/[^\p{L}\p{M}\p{N}./,]+/u);
    for (const part of parts) {
      const core = part.replace(/^[./,]+|[./,]+$/g, '');
      const form = lmForm(core);
      if (form) cur.push(form);
    }
    if (SENTENCE_END.test(raw) || /^[=*#]+$/.test(raw)) {
      if (cur.length) out.push(cur);
      cur = [];
    } else if (/,["”’)]*$/.test(raw) && cur.length && cur[cur.length - 1] !== COMMA) cur.push(COMMA);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** The corpus blocks (articles) kept aside from the LM build for evaluation: every 40th, from the 8th. */
export function isHeldOutBlock(index: number): boolean {
  return index % 40 === 7;
}
