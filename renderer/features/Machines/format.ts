/** Human-readable memory from KiB: 96 MiB, 1.5 GiB, 2 TiB. */
export function formatMemory(kib: number): string {
  const mib = kib / 1024;
  if (mib < 1024) return `${Math.round(mib)} MiB`;
  const gib = mib / 1024;
  if (gib < 1024) return `${trim(gib)} GiB`;
  return `${trim(gib / 1024)} TiB`;
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, '');
}

export const numberFormat = new Intl.NumberFormat('en-US');
