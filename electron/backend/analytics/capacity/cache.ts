/**
 * Results kept for a few minutes per key, and one computation at a time:
 * asking twice for the same forecast shares one run, and fits never pile up
 * on the main thread.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value (and true) when fresh, else runs `compute` after the runs before it. */
  async get(key: string, compute: () => Promise<T>): Promise<{ value: T; cached: boolean; at: number }> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return { value: await hit.value, cached: true, at: hit.at };
    const at = this.now();
    const run = this.chain.then(compute, compute);
    this.chain = run.catch(() => undefined);
    this.entries.set(key, { at, value: run });
    run.catch(() => this.entries.delete(key));
    this.trim();
    return { value: await run, cached: false, at };
  }

  private trim(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}
