/** Turns an expected failure into one clear line on stderr; only the unexpected keep a stack, and only on request. */
import { ConnectionError, LibvirtError } from '../libvirt/errors.js';
import { XdrError } from '../libvirt/xdr/index.js';
import { UsageError, usage } from './args.js';

export const ExitCode = {
  OK: 0,
  FAILED: 1, // the daemon refused or the object is missing
  USAGE: 2,
  CONNECTION: 3, // could not connect: unreachable, host key, authentication
  INTERRUPTED: 130,
} as const;

export function reportFailure(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`novacron: ${err.message}\n\n${usage}\n`);
    return ExitCode.USAGE;
  }
  if (err instanceof ConnectionError) {
    const hint = err.kind === 'host-key-unknown' ? '\nnovacron: to trust this key, check the fingerprint and run again with --accept-new-host-key' : '';
    process.stderr.write(`novacron: ${err.message}${hint}\n`);
    return ExitCode.CONNECTION;
  }
  if (err instanceof LibvirtError) {
    process.stderr.write(`novacron: ${err.message} (libvirt error ${err.code})\n`);
    return ExitCode.FAILED;
  }
  if (err instanceof XdrError) {
    process.stderr.write(`novacron: the daemon sent a malformed reply: ${err.message}\n`);
    return ExitCode.FAILED;
  }
  const detail = err instanceof Error ? err.message : String(err);
  process.stderr.write(`novacron: unexpected error: ${detail}${process.env.NOVACRON_DEBUG ? '' : ' (set NOVACRON_DEBUG=1 for details)'}\n`);
  if (process.env.NOVACRON_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return ExitCode.FAILED;
}
