/**
 * One CLI command: its path of words, its operands and its own options, and
 * whether it needs a libvirt connection. run.ts keeps the table of them.
 */
import type { LibvirtClient } from '../libvirt/index.js';
import type { CommandArgs, GlobalOptions, OptionKind } from './args.js';

export interface CommandContext extends CommandArgs {
  global: GlobalOptions;
  signal: AbortSignal;
  /** Set for commands that connect (`connects: true`). */
  client: LibvirtClient | undefined;
}

export interface CliCommand {
  path: string[];
  /** Operand names for messages, e.g. ['NAME']; `optional` ones may be left out. */
  operands: string[];
  optional?: number;
  options?: Record<string, OptionKind>;
  /** False for commands that read NovaCron's own files and need no hypervisor. */
  connects: boolean;
  run(ctx: CommandContext): Promise<void>;
}

/** The connected client of a command that declared `connects: true`. */
export function clientOf(ctx: CommandContext): LibvirtClient {
  if (!ctx.client) throw new Error('this command has no libvirt connection');
  return ctx.client;
}
