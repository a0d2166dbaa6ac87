/** The migration options as a dialog edits them (numbers may be empty), and as migration.start takes them. */
import type { MigrationCompression, MigrationOptionsInput } from '../../../shared/contract/migration';

export interface OptionsForm {
  live: boolean;
  copyStorage: boolean;
  compression: MigrationCompression;
  parallelConnections: number;
  /** MiB/s; '' = as fast as the link goes. */
  bandwidthMiBps: number | '';
  autoConverge: boolean;
  /** ms; '' = QEMU's default. */
  maxDowntimeMs: number | '';
  postcopy: boolean;
  p2p: boolean;
  tunnelled: boolean;
}

export const defaultOptions = (o: Partial<OptionsForm> = {}): OptionsForm => ({
  live: true,
  copyStorage: false,
  compression: 'none',
  parallelConnections: 2,
  bandwidthMiBps: '',
  autoConverge: false,
  maxDowntimeMs: '',
  postcopy: false,
  p2p: false,
  tunnelled: false,
  ...o,
});

/** What is wrong with the form, per field (empty when it can start). */
export function optionProblems(f: OptionsForm): Partial<Record<keyof OptionsForm, string>> {
  const out: Partial<Record<keyof OptionsForm, string>> = {};
  if (f.bandwidthMiBps !== '' && (!Number.isInteger(f.bandwidthMiBps) || f.bandwidthMiBps < 1 || f.bandwidthMiBps > 1_000_000))
    out.bandwidthMiBps = 'a whole number from 1 to 1,000,000';
  if (f.maxDowntimeMs !== '' && (!Number.isInteger(f.maxDowntimeMs) || f.maxDowntimeMs < 1 || f.maxDowntimeMs > 600_000))
    out.maxDowntimeMs = 'a whole number from 1 to 600,000';
  if (f.compression === 'zstd' && (!Number.isInteger(f.parallelConnections) || f.parallelConnections < 2 || f.parallelConnections > 16))
    out.parallelConnections = '2 to 16 streams';
  return out;
}

/** The contract's options; tunnelled only goes with peer-to-peer. */
export function toMigrationOptions(f: OptionsForm): MigrationOptionsInput {
  return {
    live: f.live,
    copyStorage: f.copyStorage,
    compression: f.compression,
    ...(f.compression === 'zstd' ? { parallelConnections: f.parallelConnections } : {}),
    ...(f.bandwidthMiBps !== '' ? { bandwidthMiBps: f.bandwidthMiBps } : {}),
    autoConverge: f.autoConverge,
    ...(f.maxDowntimeMs !== '' ? { maxDowntimeMs: f.maxDowntimeMs } : {}),
    postcopy: f.postcopy,
    p2p: f.p2p,
    tunnelled: f.p2p && f.tunnelled,
  };
}
