/**
 * The shape of a procedure table entry, and the program numbers
 * (docs/protocol/packets.md §1.2). Data only: who sends a procedure is
 * described in ../rpc/types.ts.
 */
import type { StreamDirection } from '../rpc/types.js';
import type { Codec } from '../xdr/index.js';
import { voidCodec } from '../xdr/index.js';

/** libvirt RPC program numbers (all at version 1). */
export const Program = {
  REMOTE: 0x20008086,
  QEMU: 0x20008087,
  LXC: 0x00068000,
  KEEPALIVE: 0x6b656570,
} as const;

export const PROGRAM_VERSION = 1;

/**
 * One remote procedure, as data: its number, its argument and return layouts.
 * No logic lives here; the RPC session sends `args` and decodes `ret`.
 */
export interface Procedure<A, R> {
  readonly name: string;
  readonly program: number;
  readonly proc: number;
  readonly args: Codec<A>;
  readonly ret: Codec<R>;
  readonly stream: StreamDirection;
}

export function remoteProc<A = void, R = void>(
  name: string,
  proc: number,
  args: Codec<A> = voidCodec as Codec<A>,
  ret: Codec<R> = voidCodec as Codec<R>,
  stream: StreamDirection = 'none',
): Procedure<A, R> {
  return { name, program: Program.REMOTE, proc, args, ret, stream };
}

export function qemuProc<A = void, R = void>(
  name: string,
  proc: number,
  args: Codec<A> = voidCodec as Codec<A>,
  ret: Codec<R> = voidCodec as Codec<R>,
): Procedure<A, R> {
  return { name, program: Program.QEMU, proc, args, ret, stream: 'none' };
}
