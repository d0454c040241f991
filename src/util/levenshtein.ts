// Edit distance (insertions, deletions, substitutions of one element each) of two sequences: strings or token lists.
export function levenshtein<T>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  const m = b.length;
  if (a.length === 0) return m;
  if (m === 0) return a.length;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m]!;
}

// Two rows reused by every call: the candidate search measures hundreds of short pairs per token.
let rowA = new Int32Array(16);
let rowB = new Int32Array(16);

/**
 * The edit distance of two strings (UTF-16 units) when it is at most `max`, else max + 1: the same answer as
 * levenshtein up to max, without allocating, and given up as soon as a row has nothing within reach.
 */
export function withinEdits(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (m + 1 > rowA.length) [rowA, rowB] = [new Int32Array(2 * (m + 1)), new Int32Array(2 * (m + 1))];
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let low = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1]! + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < low) low = v;
    }
    if (low > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[m]!, max + 1);
}
