/** The serial session's decisions: "in use" then take over, and reopening by itself after a link loss. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppErrorShape } from '../../../../shared/types';
import type { ChannelHandle } from '../../../api/channels';
import { ApiError } from '../../../api/errors';

const openChannel = vi.fn();
vi.mock('../../../api/channels', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../api/channels')>()),
  openChannel: (...args: unknown[]) => openChannel(...args) as unknown,
}));
const { SerialSession } = await import('./serial-session');

function fakeChannel() {
  const data: Array<(d: Uint8Array) => void> = [];
  const close: Array<(e?: AppErrorShape) => void> = [];
  const sent: string[] = [];
  const handle = {
    id: 1,
    info: { name: 'g', forced: false },
    isClosed: false,
    send: (d: Uint8Array | string) => void sent.push(String(d)),
    close: vi.fn(),
    onData: (l: (d: Uint8Array) => void) => (data.push(l), () => undefined),
    onClose: (l: (e?: AppErrorShape) => void) => (close.push(l), () => undefined),
  } as unknown as ChannelHandle<'console.serial'>;
  return {
    handle,
    sent,
    end: (e?: AppErrorShape) => close.forEach((l) => l(e)),
    emit: (s: string) => data.forEach((l) => l(new TextEncoder().encode(s))),
  };
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe('SerialSession', () => {
  let written: string[];
  const term = { write: (d: Uint8Array | string) => void written.push(typeof d === 'string' ? d : new TextDecoder().decode(d)) };
  beforeEach(() => {
    written = [];
    openChannel.mockReset();
  });
  afterEach(() => vi.useRealTimers());

  it('reports a console in use, and takes it over with force', async () => {
    const ch = fakeChannel();
    openChannel
      .mockRejectedValueOnce(new ApiError({ code: 'conflict', message: 'The serial console of "g" is in use by another session.' }))
      .mockResolvedValueOnce(ch.handle);
    const s = new SerialSession('c1', 'u1', term);
    s.connect();
    await flush();
    expect(s.state).toEqual({ s: 'busy', message: 'The serial console of "g" is in use by another session.' });
    expect(openChannel).toHaveBeenLastCalledWith('console.serial', { connectionId: 'c1', uuid: 'u1', force: false });
    s.connect(true);
    await flush();
    expect(openChannel).toHaveBeenLastCalledWith('console.serial', { connectionId: 'c1', uuid: 'u1', force: true });
    expect(s.state).toEqual({ s: 'open', forced: true });
    expect(written.join('')).toContain('took the console over');
    ch.emit('hello');
    expect(written.at(-1)).toBe('hello');
    s.dispose();
  });

  it('after a link loss says so, retries while the host is away, and says when it is back', async () => {
    vi.useFakeTimers();
    const first = fakeChannel();
    const second = fakeChannel();
    openChannel
      .mockResolvedValueOnce(first.handle)
      .mockRejectedValueOnce(new ApiError({ code: 'not-connected', message: '"lab" is not connected.' }))
      .mockResolvedValueOnce(second.handle);
    const s = new SerialSession('c1', 'u1', term);
    s.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.state.s).toBe('open');

    first.end({ code: 'not-connected', message: 'The link dropped.' });
    expect(s.state).toMatchObject({ s: 'reconnecting', attempt: 1 });
    expect(written.join('')).toContain('[link lost: The link dropped. Reconnecting…]');
    await vi.advanceTimersByTimeAsync(1_000); // first retry: the host is still reconnecting
    expect(s.state).toMatchObject({ s: 'reconnecting', attempt: 2 });
    await vi.advanceTimersByTimeAsync(2_000); // second retry: back
    expect(s.state).toEqual({ s: 'open', forced: false });
    expect(written.join('')).toContain('[reconnected]');
    expect(openChannel).toHaveBeenCalledTimes(3);
    s.dispose();
  });

  it('does not retry a console that closed for another reason (taken over elsewhere)', async () => {
    const ch = fakeChannel();
    openChannel.mockResolvedValueOnce(ch.handle);
    const s = new SerialSession('c1', 'u1', term);
    s.connect();
    await flush();
    ch.end({ code: 'libvirt', message: 'The host closed the console: another session may have taken it over.' });
    expect(s.state).toMatchObject({ s: 'closed' });
    await flush();
    expect(openChannel).toHaveBeenCalledTimes(1);
  });
});
