/**
 * Progress of a transfer: bytes done of the total and a rate over the last few seconds,
 * reported at most a few times a second (a job event per 256 KiB packet would flood the bus).
 */
export interface TransferProgress {
  done: number;
  total: number;
  /** Bytes per second over the recent window. */
  rate: number;
}

export type ProgressListener = (p: TransferProgress) => void;

const REPORT_EVERY_MS = 250;
const WINDOW_MS = 3000;

export function formatRate(bytesPerSecond: number): string {
  return `${(bytesPerSecond / (1024 * 1024)).toFixed(1)} MiB/s`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

export class ProgressMeter {
  private done = 0;
  private lastReport = 0;
  private readonly samples: Array<{ at: number; done: number }> = [];

  constructor(
    private readonly total: number,
    private readonly listener: ProgressListener = () => undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.samples.push({ at: now(), done: 0 });
  }

  get bytes(): number {
    return this.done;
  }

  add(n: number): void {
    this.done += n;
    const at = this.now();
    if (at - this.lastReport >= REPORT_EVERY_MS) this.report(at);
  }

  /** The last word (at the end), whatever the throttle says. */
  flush(): void {
    this.report(this.now());
  }

  private report(at: number): void {
    this.lastReport = at;
    this.samples.push({ at, done: this.done });
    while (this.samples.length > 2 && at - this.samples[0]!.at > WINDOW_MS) this.samples.shift();
    const first = this.samples[0]!;
    const rate = at > first.at ? ((this.done - first.done) * 1000) / (at - first.at) : 0;
    this.listener({ done: this.done, total: this.total, rate });
  }
}
