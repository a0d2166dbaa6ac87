/** The retry queue's bounds: by count and by age, the oldest going first, every loss counted. */
import { describe, expect, it } from 'vitest';
import { SampleQueue } from '../../../electron/backend/monitoring/prometheus/sample-queue.js';
import { SeriesIndex } from '../../../electron/backend/monitoring/prometheus/series-index.js';

const index = new SeriesIndex();
const ref = index.refOf({ metric: 'm', labels: [['connection', 'c']], value: 0, t: 0 });
const times = (q: SampleQueue, n = 1e9) => q.takeBatch(n).map((s) => s.t);

describe('SampleQueue', () => {
  it('keeps at most maxSamples, dropping the oldest first and counting them', () => {
    const q = new SampleQueue(1000, 60_000);
    for (let i = 0; i < 2500; i++) q.push(ref, i, i * 0.5);
    expect(q.size).toBe(1000);
    expect(q.dropped.queueFull).toBe(1500);
    const batch = q.takeBatch(10_000);
    expect(batch.map((s) => s.t)).toEqual(Array.from({ length: 1000 }, (_, i) => 1500 + i));
    expect(batch.map((s) => s.v)).toEqual(Array.from({ length: 1000 }, (_, i) => (1500 + i) * 0.5));
  });

  it('grows its ring past the first capacity without reordering', () => {
    const q = new SampleQueue(20_000, 60_000);
    for (let i = 0; i < 3000; i++) q.push(ref, i, i);
    expect(times(q, 1000)).toEqual(Array.from({ length: 1000 }, (_, i) => i)); // the ring's head moves
    q.ackBatch();
    for (let i = 3000; i < 12_000; i++) q.push(ref, i, i); // wraps, then grows twice
    expect(q.size).toBe(11_000);
    expect(times(q)).toEqual(Array.from({ length: 11_000 }, (_, i) => 1000 + i));
    expect(q.dropped.queueFull).toBe(0);
  });

  it('drops samples older than the window, in the batch in flight too', () => {
    const q = new SampleQueue(1000, 10_000);
    for (let t = 0; t < 20_000; t += 1000) q.push(ref, t, t);
    q.takeBatch(5); // 0..4000 in flight
    expect(q.dropExpired(16_500)).toBe(7); // window starts at 6500: 0..6000 go
    expect(q.dropped.tooOld).toBe(7);
    expect(q.size).toBe(13);
    expect(q.oldestT()).toBe(7000);
    expect(times(q)).toEqual([7000, 8000, 9000, 10_000, 11_000, 12_000, 13_000, 14_000, 15_000, 16_000, 17_000, 18_000, 19_000]);
  });

  it('counts the batch in flight in its bound, and retries the same batch until it is acknowledged', () => {
    const q = new SampleQueue(1000, 60_000);
    for (let i = 0; i < 600; i++) q.push(ref, i, i);
    expect(q.takeBatch(500).length).toBe(500);
    expect(q.waiting).toBe(100);
    for (let i = 600; i < 1200; i++) q.push(ref, i, i); // 200 over: the oldest of the batch make room
    expect(q.size).toBe(1000);
    expect(q.dropped.queueFull).toBe(200);
    const retry = q.takeBatch(500);
    expect(retry.length).toBe(300);
    expect(retry[0]!.t).toBe(200);
    expect(q.ackBatch()).toBe(300);
    expect(q.sent).toBe(300);
    expect(q.takeBatch(500)[0]!.t).toBe(500);
  });

  it('counts a refused batch as rejected', () => {
    const q = new SampleQueue(1000, 60_000);
    for (let i = 0; i < 10; i++) q.push(ref, i, i);
    q.takeBatch(4);
    expect(q.rejectBatch()).toBe(4);
    expect(q.dropped.rejected).toBe(4);
    expect(q.size).toBe(6);
  });

  it('shrinks to new limits by dropping the oldest', () => {
    const q = new SampleQueue(10_000, 60_000);
    for (let i = 0; i < 5000; i++) q.push(ref, i, i);
    q.setLimits(1000, 60_000);
    expect(q.size).toBe(1000);
    expect(q.dropped.queueFull).toBe(4000);
    expect(times(q)[0]).toBe(4000);
  });
});
