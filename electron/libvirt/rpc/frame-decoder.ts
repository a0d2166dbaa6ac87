/**
 * Cuts a byte stream into packets. Chunks can hold part of a length word,
 * many frames, or a frame split across any number of chunks.
 *
 * Copies are kept to the minimum: a frame that lies wholly inside one chunk
 * is handed out as a view of that chunk (no copy). The pieces of a frame
 * that spans chunks are held as views and copied once, into a buffer of the
 * frame's exact size, when its last byte arrives. Memory held is what was
 * received, never what a (possibly garbled) length word promises.
 */
import { ConnectionError } from '../errors.js';
import { LENGTH_WORD_SIZE, MAX_FRAME_LENGTH, MIN_FRAME_LENGTH, type Packet, decodeFrame } from './packet.js';

export class FrameDecoder {
  /** Pieces of an incomplete frame (or of its length word). */
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** The length of the held frame once its length word is complete; 0 before that. */
  private needed = 0;
  /** Once the stream is out of sync nothing after it can be trusted. */
  private failure: ConnectionError | null = null;

  constructor(private readonly peer = 'the peer') {}

  /** Bytes held back waiting for the rest of a frame. */
  get buffered(): number {
    return this.heldBytes;
  }

  /**
   * Feeds one chunk and returns the packets it completed. Throws
   * ConnectionError('protocol') on a length word outside 28..33554436; the
   * decoder then stays failed, because the stream has lost its framing.
   */
  push(chunk: Buffer): Packet[] {
    if (this.failure) throw this.failure;
    const out: Packet[] = [];
    let off = 0;
    if (this.heldBytes > 0) {
      off = this.completeHeld(chunk, out);
      if (off < 0) return out;
    }
    while (chunk.length - off >= LENGTH_WORD_SIZE) {
      const length = this.checkLength(chunk.readUInt32BE(off));
      if (chunk.length - off < length) break;
      out.push(decodeFrame(chunk.subarray(off, off + length)));
      off += length;
    }
    if (off < chunk.length) this.hold(chunk.subarray(off));
    return out;
  }

  /** Adds `chunk` to the held frame; returns where the rest of the chunk starts, or -1 if it was all held. */
  private completeHeld(chunk: Buffer, out: Packet[]): number {
    if (this.needed === 0) {
      const missing = LENGTH_WORD_SIZE - this.heldBytes;
      if (chunk.length < missing) {
        this.hold(chunk);
        return -1;
      }
      const word = Buffer.concat([...this.held, chunk.subarray(0, missing)]);
      this.needed = this.checkLength(word.readUInt32BE(0));
    }
    const take = this.needed - this.heldBytes;
    if (chunk.length < take) {
      this.hold(chunk);
      return -1;
    }
    const frame = Buffer.allocUnsafe(this.needed);
    let at = 0;
    for (const piece of this.held) at += piece.copy(frame, at);
    chunk.copy(frame, at, 0, take);
    this.held = [];
    this.heldBytes = 0;
    this.needed = 0;
    out.push(decodeFrame(frame));
    return take;
  }

  private hold(piece: Buffer): void {
    this.held.push(piece);
    this.heldBytes += piece.length;
    if (this.needed === 0 && this.heldBytes >= LENGTH_WORD_SIZE) {
      const word = this.held.length === 1 ? piece : Buffer.concat(this.held, LENGTH_WORD_SIZE);
      this.needed = this.checkLength(word.readUInt32BE(0));
    }
  }

  private checkLength(length: number): number {
    if (length < MIN_FRAME_LENGTH || length > MAX_FRAME_LENGTH) {
      this.held = [];
      this.heldBytes = 0;
      this.failure = new ConnectionError(
        'protocol',
        `invalid packet length ${length} from ${this.peer} (must be ${MIN_FRAME_LENGTH}..${MAX_FRAME_LENGTH}); the stream is out of sync`,
      );
      throw this.failure;
    }
    return length;
  }
}
