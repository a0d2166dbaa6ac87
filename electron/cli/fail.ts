/** Turns an expected failure into one clear line on stderr; only the unexpected keep a stack, and only on request. */
import { ConnectionError, LibvirtError, XdrError } from '../libvirt/index.js';
import { AppError } from '../backend/errors.js';
import { UsageError } from './args.js';

export const ExitCode = {
  OK: 0,
  FAILED: 1, // the daemon refused or the object is missing
  USAGE: 2,
  CONNECTION: 3, // could not connect: unreachable, host key, authentication
  INTERRUPTED: 130,
} as const;

/** Writes one "novacron: ..." line; a multi-line message (a daemon's, say) is folded onto it. */
function say(message: string): void {
  process.stderr.write(`novacron: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`);
}

export function reportFailure(err: unknown): number {
  if (err instanceof UsageError) {
    say(`${err.message} (novacron --help lists the commands and options)`);
    return ExitCode.USAGE;
  }
  if (err instanceof ConnectionError) {
    const hint =
      err.kind === 'host-key-unknown' ? '; to trust this key, check the fingerprint and run again with --accept-new-host-key' : '';
    say(`${err.message}${hint}`);
    return ExitCode.CONNECTION;
  }
  if (err instanceof LibvirtError) {
    say(`${err.message} (libvirt error ${err.code})`);
    return ExitCode.FAILED;
  }
  if (err instanceof AppError) {
    // A backend service's own refusal (shared with the app), already worded for a person.
    say(err.message);
    return err.code === 'invalid-input' ? ExitCode.USAGE : ExitCode.FAILED;
  }
  if (err instanceof XdrError) {
    say(`the daemon sent a malformed reply: ${err.message}`);
    return ExitCode.FAILED;
  }
  const detail = err instanceof Error ? err.message : String(err);
  say(`unexpected error: ${detail}${process.env.NOVACRON_DEBUG ? '' : ' (set NOVACRON_DEBUG=1 for details)'}`);
  if (process.env.NOVACRON_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return ExitCode.FAILED;
}
