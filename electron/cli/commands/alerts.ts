/**
 * `alerts list`: the alert history the NovaCron app keeps (firing and
 * resolved alerts; pending ones live only in the running app). The CLI has
 * no backend: it reads the app's store file read-only, through the store's
 * own loader and the alerts feature's own listing, so both always agree.
 */
import { defaultDataDir } from '../../backend/paths.js';
import type { CliCommand } from '../command.js';
import { printJson, printTable } from '../output.js';

const MAX = 5000;

export async function listStoredAlerts(json: boolean): Promise<void> {
  // Loaded here, not at startup: the store's schema brings zod, which would slow every other command.
  const [{ readStoreSnapshot }, { listAlerts }] = await Promise.all([
    import('../../backend/store/store.js'),
    import('../../backend/alerts/history.js'),
  ]);
  const doc = await readStoreSnapshot(defaultDataDir());
  const alerts = listAlerts([doc?.alerts ?? []], { limit: MAX });
  if (json) return printJson(alerts);
  if (alerts.length === 0) {
    process.stdout.write('no alerts recorded\n');
    return;
  }
  printTable(
    ['State', 'Severity', 'Since', 'Rule', 'Subject', 'Acknowledged by', 'Message'],
    alerts.map((a) => [
      a.state,
      a.severity,
      new Date(a.since).toISOString(),
      a.ruleName,
      a.subject.name,
      a.acknowledged?.by ?? '',
      a.message,
    ]),
  );
}

export const listAlertsCommand: CliCommand = {
  path: ['alerts', 'list'],
  operands: [],
  connects: false,
  run: (x) => listStoredAlerts(x.global.json),
};
