/**
 * Bytes held in typed arrays by a detector's state, found by walking it. The
 * state holds nothing else that can grow, so this number staying fixed over a
 * long run is the bounded-memory check.
 */
export function measureFootprint(state: object): number {
  let bytes = 0;
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      bytes += v.byteLength;
      return;
    }
    for (const child of Object.values(v)) visit(child);
  };
  visit(state);
  return bytes;
}
