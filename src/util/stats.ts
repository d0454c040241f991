// Order statistics of small samples (word gaps, line lengths, cell widths).

/** The q-quantile of xs, or `none` when there are none. */
export function quantile(xs: number[], q: number, none = Infinity): number {
  return xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)]! : none;
}

/** The median of xs (0 for none). */
export function median(xs: number[]): number {
  return quantile(xs, 0.5, 0);
}
