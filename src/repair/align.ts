// Token alignment of an OCR line with its true line, for learning the channel from parallel text.
import { levenshtein } from '../util/levenshtein.js';
import { OCR_GLYPHS } from './tokens.js';
import { stripMarks } from './vietnamese.js';

const EDGE_PUNCT = new RegExp(`^[^\\p{L}\\p{N}${OCR_GLYPHS}]+|[^\\p{L}\\p{N}${OCR_GLYPHS}]+$`, 'gu');

/** A token without its edge punctuation; OCR glyphs that stand for letters ("K&") stay. */
export function coreOf(token: string): string {
  return token.replace(EDGE_PUNCT, '');
}


/** How unlike two tokens are, 0…1, looking at letters only (marks are what the OCR loses). */
export function tokenUnlikeness(ocr: string, truth: string): number {
  const a = stripMarks(ocr.toLowerCase());
  const b = stripMarks(truth.toLowerCase());
  return levenshtein(a, b) / Math.max(a.length, b.length, 1);
}

/** Pairs (true token, OCR token) of two lines, aligned by token edit distance; unlike pairs are left out. */
export function alignTokens(ocrLine: string, trueLine: string, maxUnlikeness = 0.67): [string, string][] {
  const o = ocrLine.split(/\s+/).map(coreOf).filter(Boolean);
  const t = trueLine.split(/\s+/).map(coreOf).filter(Boolean);
  const n = t.length;
  const m = o.length;
  const dp: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++)
      dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + tokenUnlikeness(o[j - 1]!, t[i - 1]!) * 1.5);
  const pairs: [string, string][] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const d = tokenUnlikeness(o[j - 1]!, t[i - 1]!);
    if (dp[i]![j] === dp[i - 1]![j - 1]! + d * 1.5) {
      if (d <= maxUnlikeness) pairs.push([t[i - 1]!, o[j - 1]!]);
      i--;
      j--;
    } else if (dp[i]![j] === dp[i - 1]![j]! + 1) i--;
    else j--;
  }
  return pairs.reverse();
}

/**
 * Whole-token misreadings of a line pair whose token counts agree (so position pairs them): an OCR token that is
 * nothing like its true word ("¢" for "có", "&" for "ở"), which the character channel cannot learn from. Numbers
 * are left out: a number is kept as read.
 */
export function unlikeTokens(ocrLine: string, trueLine: string, maxUnlikeness = 0.67): [string, string][] {
  const o = ocrLine.split(/\s+/).map(coreOf).filter(Boolean);
  const t = trueLine.split(/\s+/).map(coreOf).filter(Boolean);
  if (o.length !== t.length) return [];
  return t.flatMap((w, i): [string, string][] => (!/^\d+$/.test(o[i]!) && tokenUnlikeness(o[i]!, w) > maxUnlikeness ? [[w, o[i]!]] : []));
}
