/**
 * `audit export --csv|--json`: the app's audit log (audit.jsonl in the data
 * dir), read without changing it, in the same CSV and JSON the app exports.
 */
import { defaultDataDir } from '../../backend/paths.js';
import { UsageError } from '../args.js';
import type { CliCommand } from '../command.js';

export const exportAuditCommand: CliCommand = {
  path: ['audit', 'export'],
  operands: [],
  options: { '--csv': 'flag' },
  connects: false,
  async run(x) {
    const csv = x.opts['--csv'] === true;
    if (csv === x.global.json) throw new UsageError('audit export needs exactly one of --csv or --json');
    const [{ readAuditFile }, { toCsv, toJsonText }] = await Promise.all([
      import('../../backend/audit/log-file.js'),
      import('../../backend/audit/export.js'),
    ]);
    const { entries } = await readAuditFile(defaultDataDir());
    process.stdout.write(csv ? toCsv(entries) : toJsonText(entries));
  },
};
