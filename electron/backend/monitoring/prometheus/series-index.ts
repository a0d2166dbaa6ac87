/**
 * One shared label set per series, so a queue of a million samples holds a
 * million references to a few thousand label sets, not a million copies.
 * Queued samples keep their own reference: forgetting a series here (it has
 * not been seen for a while) never changes a sample already queued.
 */
import type { PromSample } from './sweep-samples.js';

export interface Label {
  name: string;
  value: string;
}

export interface SeriesRef {
  /** `__name__` first, then by name: the order remote write asks for. */
  labels: readonly Label[];
  lastSeen: number;
}

/** Labels sorted by name with the metric name as `__name__`. */
export function sortedLabels(sample: Pick<PromSample, 'metric' | 'labels'>): Label[] {
  const labels = sample.labels.map(([name, value]) => ({ name, value }));
  labels.push({ name: '__name__', value: sample.metric });
  return labels.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export class SeriesIndex {
  private readonly byKey = new Map<string, SeriesRef>();

  get size(): number {
    return this.byKey.size;
  }

  refOf(sample: PromSample): SeriesRef {
    let key = sample.metric;
    for (const [n, v] of sample.labels) key += `\u0000${n}\u0000${v}`;
    let ref = this.byKey.get(key);
    if (!ref) {
      ref = { labels: sortedLabels(sample), lastSeen: sample.t };
      this.byKey.set(key, ref);
    }
    ref.lastSeen = sample.t;
    return ref;
  }

  /** Forgets the series last seen before `t` (machines removed or renamed). */
  forgetOlderThan(t: number): void {
    for (const [k, ref] of this.byKey) if (ref.lastSeen < t) this.byKey.delete(k);
  }
}
