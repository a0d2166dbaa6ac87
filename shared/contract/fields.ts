/**
 * Field schemas every resource's contract reuses. Text that ends up in a
 * libvirt name, a log line or a file path refuses control characters here,
 * at the boundary, so no caller has to remember to.
 */
import { z } from 'zod';

/** C0 controls, DEL and C1 controls: a newline in a name could forge a log line. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A string without control characters (tabs and newlines included). */
export const plainText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters (newlines, tabs, escapes)');

export const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'not an id');
export const name = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(120)
  .refine((s) => !CONTROL.test(s), 'must not contain control characters (newlines, tabs, escapes)');
export const uri = z
  .string()
  .trim()
  .min(1, 'a URI is required')
  .max(2048)
  .regex(/^[a-z][a-z0-9]*(\+[a-z0-9]+)?:\/\//, 'expected a libvirt URI such as qemu+ssh://user@host/system')
  .refine((s) => !CONTROL.test(s), 'must not contain control characters');
export const path = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .refine((s) => !CONTROL.test(s), 'must not contain control characters');
export const secret = z.string().max(4096);
/** libvirt UUIDs: any 8-4-4-4-12 hex string (the test driver's need not be RFC 4122). */
export const uuid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'not a UUID');

export const ok = z.object({ ok: z.literal(true) });
