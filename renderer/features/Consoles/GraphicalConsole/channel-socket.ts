/**
 * A NovaCron channel dressed as the WebSocket noVNC's RFB expects (it takes
 * "a WebSocket or RTCDataChannel": send, close, binaryType, readyState,
 * protocol, onopen/onmessage/onclose/onerror). The channel is open already
 * when RFB attaches; bytes that arrived before RFB set onmessage are kept
 * and handed over then.
 */
import type { ChannelHandle } from '../../../api/channels';
import type { AppErrorShape } from '../../../../shared/types';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

type Handler<E> = ((ev: E) => void) | null;

export class ChannelSocket {
  static readonly CONNECTING = CONNECTING;
  static readonly OPEN = OPEN;
  static readonly CLOSING = CLOSING;
  static readonly CLOSED = CLOSED;

  binaryType: BinaryType = 'arraybuffer';
  readonly protocol = '';
  readyState: number = OPEN;
  onopen: Handler<Event> = null;
  onclose: Handler<CloseEvent> = null;
  onerror: Handler<Event> = null;
  /** Why the channel ended, when it was not a clean end. */
  closeError: AppErrorShape | undefined;
  private messageHandler: Handler<MessageEvent> = null;
  private held: ArrayBuffer[] = [];
  private readonly offs: Array<() => void> = [];

  constructor(private readonly channel: ChannelHandle<'console.vnc'>) {
    this.offs.push(
      channel.onData((d) => {
        // A copy: the transport's buffer may be reused, and RFB wants an ArrayBuffer.
        const buf = d.slice().buffer;
        if (this.messageHandler) this.messageHandler(new MessageEvent('message', { data: buf }));
        else this.held.push(buf);
      }),
      channel.onClose((error) => this.ended(error)),
    );
  }

  get onmessage(): Handler<MessageEvent> {
    return this.messageHandler;
  }

  set onmessage(h: Handler<MessageEvent>) {
    this.messageHandler = h;
    if (!h || this.held.length === 0) return;
    const held = this.held;
    this.held = [];
    // After RFB finished attaching (it sets onmessage before it looks at readyState).
    setTimeout(() => {
      for (const buf of held) this.messageHandler?.(new MessageEvent('message', { data: buf }));
    }, 0);
  }

  send(data: ArrayBuffer | ArrayBufferView): void {
    if (this.readyState !== OPEN) return;
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    // Copy: RFB reuses its send queue's buffer.
    this.channel.send(bytes.slice());
  }

  close(): void {
    if (this.readyState >= CLOSING) return;
    this.readyState = CLOSING;
    this.channel.close();
  }

  private ended(error: AppErrorShape | undefined): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.closeError = error;
    for (const off of this.offs) off();
    const ev = new CloseEvent('close', { code: error ? 1006 : 1000, reason: error?.message ?? '', wasClean: !error });
    setTimeout(() => {
      if (error) this.onerror?.(new Event('error'));
      this.onclose?.(ev);
    }, 0);
  }
}
