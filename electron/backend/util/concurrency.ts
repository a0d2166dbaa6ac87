/**
 * Runs `fn` over `items` with at most `limit` calls in flight, keeping the
 * order of results. Over one libvirt connection this pipelines the calls: the
 * daemon gets a steady queue of requests instead of one round trip at a time.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
