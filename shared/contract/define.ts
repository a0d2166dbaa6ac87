/** The building blocks of a resource's contract: a method is a zod input and a zod output. */
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /**
   * The method changes something (on a host or in NovaCron's own state): the backend
   * records it in the action feed (the audit log) and refuses it on a read-only connection.
   */
  mutates: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> {
  return { input, output, mutates: false };
}

/** A method that changes something: see MethodSpec.mutates. */
export function mutation<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> {
  return { input, output, mutates: true };
}

/** One resource's part of the contract: its methods and its pushed events (zod schemas of their payloads). */
export interface ResourceContract {
  methods: Record<string, MethodSpec>;
  events: Record<string, z.ZodType>;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The methods and events of several resources as one contract; a name declared twice fails at startup. */
export function assembleContract<const C extends readonly ResourceContract[]>(
  ...parts: C
): { methods: UnionToIntersection<C[number]['methods']>; events: UnionToIntersection<C[number]['events']> } {
  const methods: Record<string, MethodSpec> = {};
  const events: Record<string, z.ZodType> = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part.methods)) {
      if (Object.hasOwn(methods, k)) throw new Error(`contract: method ${k} is declared twice`);
      methods[k] = v;
    }
    for (const [k, v] of Object.entries(part.events)) {
      if (Object.hasOwn(events, k)) throw new Error(`contract: event ${k} is declared twice`);
      events[k] = v;
    }
  }
  // The loop built exactly the union's keys with their values; TypeScript cannot follow that through Object.entries.
  return { methods, events } as { methods: UnionToIntersection<C[number]['methods']>; events: UnionToIntersection<C[number]['events']> };
}

/**
 * A byte stream between the renderer and a backend feature (a serial or graphical console):
 * opened with a zod-checked input, answered with `info` (what was opened), then raw bytes both
 * ways until either side closes it. The transports carry the bytes (binary WebSocket frames with
 * a channel id, Electron IPC); see shared/transport.ts.
 */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  info: O;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, info: O): ChannelSpec<I, O> {
  return { input, info };
}
