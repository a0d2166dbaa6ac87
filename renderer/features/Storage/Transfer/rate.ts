/** Throughput over the last few seconds, for the progress line (bytes per second). */
export class RateMeter {
  private readonly samples: Array<{ at: number; bytes: number }> = [];

  constructor(private readonly windowMs = 3000) {}

  /** Records the running total; returns bytes per second over the window. */
  update(bytes: number, at = performance.now()): number {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[0]!.at > this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    return at > first.at ? ((bytes - first.bytes) * 1000) / (at - first.at) : 0;
  }
}

/** Megabytes (10^6) per second, as transfer rates are usually quoted. */
export function formatMBps(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
}

/** What the progress UI shows. */
export interface Progress {
  done: number;
  total: number;
  rate: number;
}
