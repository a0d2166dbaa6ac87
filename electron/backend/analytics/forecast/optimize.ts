/**
 * Nelder-Mead simplex minimisation (Nelder & Mead 1965; the usual
 * reflection 1, expansion 2, contraction 1/2, shrink 1/2). Enough for the
 * two to four smoothing parameters here, needs no gradient, and a fixed
 * budget of evaluations keeps the cost of a fit known in advance.
 */

export interface Minimum {
  readonly x: number[];
  readonly value: number;
  readonly evaluations: number;
}

export function minimizeSimplex(f: (x: number[]) => number, start: number[], step = 1, maxEvaluations = 200, tolerance = 1e-7): Minimum {
  const n = start.length;
  let evaluations = 0;
  const score = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const points: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] = (p[i] ?? 0) + step;
    points.push(p);
  }
  let values = points.map(score);
  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
    const sorted = order.map((i) => points[i] ?? []);
    values = order.map((i) => values[i] ?? Infinity);
    points.splice(0, points.length, ...sorted);
    const best = values[0] ?? 0;
    const worst = values[n] ?? 0;
    if (Math.abs(worst - best) <= tolerance * (Math.abs(best) + tolerance)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < n; d++) centroid[d] = (centroid[d] ?? 0) + (points[i]?.[d] ?? 0) / n;
    const towards = (t: number): number[] => centroid.map((c, d) => c + t * ((points[n]?.[d] ?? 0) - c));
    const reflected = towards(-1);
    const fr = score(reflected);
    if (fr < best) {
      const expanded = towards(-2);
      const fe = score(expanded);
      replaceWorst(points, values, fe < fr ? expanded : reflected, Math.min(fe, fr));
    } else if (fr < (values[n - 1] ?? 0)) {
      replaceWorst(points, values, reflected, fr);
    } else {
      const contracted = fr < worst ? towards(-0.5) : towards(0.5);
      const fc = score(contracted);
      if (fc < Math.min(fr, worst)) replaceWorst(points, values, contracted, fc);
      else shrinkTowardsBest(points, values, score);
    }
  }
  let bi = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? Infinity) < (values[bi] ?? Infinity)) bi = i;
  return { x: points[bi] ?? start, value: values[bi] ?? Infinity, evaluations };
}

function replaceWorst(points: number[][], values: number[], x: number[], v: number): void {
  points[points.length - 1] = x;
  values[values.length - 1] = v;
}

function shrinkTowardsBest(points: number[][], values: number[], score: (x: number[]) => number): void {
  const best = points[0] ?? [];
  for (let i = 1; i < points.length; i++) {
    points[i] = (points[i] ?? []).map((v, d) => (best[d] ?? 0) + 0.5 * (v - (best[d] ?? 0)));
    values[i] = score(points[i] ?? []);
  }
}
