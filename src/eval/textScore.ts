// Syllable accuracy and CER exactly as ../shared/docs/SCORING.md defines them.
import { levenshtein } from '../util/levenshtein.js';

export { levenshtein };

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const EDGE_PUNCT = `"'“”‘’.,!?;:()[]{}…-–—*|/`;

function normalise(text: string): string {
  return text.normalize('NFC').replace(/\u00D0/g, 'Đ');
}

/** A token in canonical form: toneless letters plus the set of tone marks, case-folded. */
function canonical(token: string): string {
  return token.replace(/\p{L}[\p{L}\p{M}]*/gu, (run) => {
    const d = run.normalize('NFD');
    const marks = (d.match(TONES) ?? []).sort().join('');
    return d.replace(TONES, '').normalize('NFC') + (marks ? `#${marks}` : '');
  });
}

function stripEdges(t: string): string {
  let a = 0;
  let b = t.length;
  while (a < b && EDGE_PUNCT.includes(t[a]!)) a++;
  while (b > a && EDGE_PUNCT.includes(t[b - 1]!)) b--;
  return t.slice(a, b);
}

export function scoringTokens(text: string): string[] {
  return normalise(text)
    .split(/\s+/)
    .map(stripEdges)
    .filter(Boolean)
    .map((t) => canonical(t.toLowerCase()));
}


export interface TextScore {
  goldTokens: number;
  errors: number;
  syllableAccuracy: number;
  cer: number;
}

function cerOf(output: string, gold: string): { dist: number; len: number } {
  const fold = (s: string) => normalise(s).replace(/\s+/g, ' ').trim();
  const g = [...fold(gold)];
  const o = [...fold(output)];
  return { dist: levenshtein(o, g), len: g.length };
}

/** Gold line N ↔ output line N. */
export function scoreLineAligned(output: string[], gold: string[]): TextScore {
  let errors = 0;
  let total = 0;
  let cd = 0;
  let cl = 0;
  gold.forEach((g, i) => {
    const gt = scoringTokens(g);
    const ot = scoringTokens(output[i] ?? '');
    errors += levenshtein(ot, gt);
    total += gt.length;
    const c = cerOf(output[i] ?? '', g);
    cd += c.dist;
    cl += c.len;
  });
  return { goldTokens: total, errors, syllableAccuracy: total ? 1 - errors / total : 1, cer: cl ? cd / cl : 0 };
}

/** Different line breaks: the whole text as one token stream. */
export function scoreStream(output: string, gold: string): TextScore {
  const gt = scoringTokens(gold);
  const ot = scoringTokens(output);
  const errors = levenshtein(ot, gt);
  const c = cerOf(output, gold);
  return { goldTokens: gt.length, errors, syllableAccuracy: gt.length ? 1 - errors / gt.length : 1, cer: c.len ? c.dist / c.len : 0 };
}
