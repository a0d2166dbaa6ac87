/** Assertions on daemon errors shared by the integration tests. */
import { expect } from 'vitest';
import { ErrorCode, LibvirtError } from '../../../electron/libvirt/errors.js';

/**
 * Expects `p` to reject with a LibvirtError that proves the daemon decoded
 * our arguments: not code 39 (RPC, "Unable to decode message payload" or
 * "unknown procedure"). Returns the error for further checks.
 */
export async function expectDaemonError(p: Promise<unknown>, codes?: number[]): Promise<LibvirtError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected the call to fail').toBeInstanceOf(LibvirtError);
  const err = caught as LibvirtError;
  expect(err.code, `unexpected RPC error: ${err.message}`).not.toBe(ErrorCode.RPC);
  if (codes) expect(codes, `code ${err.code}: ${err.message}`).toContain(err.code);
  return err;
}

/** Runs `p`; on a LibvirtError that is not an RPC error, returns it instead of throwing. */
export async function resultOrDaemonError<T>(p: Promise<T>): Promise<T | LibvirtError> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof LibvirtError && e.code !== ErrorCode.RPC) return e;
    throw e;
  }
}
