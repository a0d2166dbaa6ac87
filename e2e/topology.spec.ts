/**
 * The Topology map against the lab: this machine and the 1,000-domain test
 * host connected; the test host's machines grouped, a group expanded by a
 * click; a machine defined behind NovaCron's back (virsh) appears wired to
 * the lab's network and pool without a reload; the host filter; a search
 * result opens the machine's page.
 */
import { writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { virsh } from './support/lab';
import { connectThisMachine, removeE2eLeftovers, SYSTEM } from './support/workspace';
import { addConnection, connectionState, openArea } from './support/ui';

const PREFIX = 'e2e-topo-';
const NAME = `${PREFIX}${Date.now() % 100000}`;

test.beforeAll(() => removeE2eLeftovers([PREFIX]));
test.afterAll(() => removeE2eLeftovers([PREFIX]));

/** A shut-off copy of nc-guest-2's definition with its own empty disk in the lab pool, defined with virsh. */
function defineBehindTheBack(lab: { pool: string }): void {
  const vol = virsh(SYSTEM, 'vol-create-as', lab.pool, `${NAME}.qcow2`, '16M', '--format', 'qcow2');
  if (!vol.ok) throw new Error(vol.out);
  const path = virsh(SYSTEM, 'vol-path', `${NAME}.qcow2`, '--pool', lab.pool).out.trim();
  const xml = virsh(SYSTEM, 'dumpxml', 'nc-guest-2')
    .out.replace(/<name>[^<]*<\/name>/, `<name>${NAME}</name>`)
    .replace(/<uuid>[^<]*<\/uuid>/, '')
    .replace(/<mac address=[^/]*\/>/g, '')
    .replace(/<source file='[^']*nc-guest-2\.qcow2'\/>/, `<source file='${path}'/>`)
    .replace(/<log file=[^/]*\/>/g, '');
  const file = `/tmp/${NAME}.xml`;
  writeFileSync(file, xml);
  const def = virsh(SYSTEM, 'define', file);
  if (!def.ok) throw new Error(def.out);
}

test('the topology map: grouped big host, live wiring of a new machine, host filter, search', async ({ page, lab, shot }) => {
  test.setTimeout(300_000);
  await connectThisMachine(page, 'nc-guest-1');
  await addConnection(page, { name: 'sim', uri: lab.testHost });
  await page.getByTestId('connection-connect-sim').click();
  await expect(connectionState(page, 'sim')).toHaveAttribute('data-state', 'connected', { timeout: 60_000 });

  await openArea(page, 'topology');
  const chart = page.getByTestId('topology-chart');
  const summary = page.getByTestId('topology-summary');
  await expect(summary).toContainText('2 hosts');
  const machines = Number(await summary.getAttribute('data-machines'));
  expect(machines).toBeGreaterThanOrEqual(lab.testHostDomains + lab.guests.length);
  // Over a thousand machines, yet the map draws a few dozen nodes: the big host is grouped.
  const drawn = Number(await chart.getAttribute('data-nodes'));
  expect(drawn).toBeLessThan(120);
  await expect(chart).toHaveAttribute('data-render-ms', /\d+/, { timeout: 30_000 });
  await shot('map');

  // The lab guest, found by name: its wiring in words, from the same data the map draws.
  await page.getByTestId('topology-search').fill('nc-guest-1');
  const guest = page.getByTestId('topology-result-nc-guest-1');
  await expect(guest.getByTestId('topology-result-networks')).toContainText(lab.network);
  await expect(guest.getByTestId('topology-result-pools')).toContainText(lab.pool);

  // A machine defined with virsh shows up, wired to the lab's network and pool, without a reload.
  defineBehindTheBack(lab);
  await page.getByTestId('topology-search').fill(NAME);
  const fresh = page.getByTestId(`topology-result-${NAME}`);
  await expect(fresh.getByTestId('topology-result-networks')).toContainText(lab.network, { timeout: 30_000 });
  await expect(fresh.getByTestId('topology-result-pools')).toContainText(lab.pool);
  await expect(fresh).toContainText('shutoff');
  await expect(chart).toHaveAttribute('data-nodes', String(drawn + 1));

  // One host only: this machine's map, every machine drawn.
  await page.getByTestId('topology-host').click();
  await page.getByRole('option', { name: 'This machine' }).click();
  await expect(summary).toContainText('1 host');
  await shot('one-host');

  // The result opens the machine's page.
  await fresh.click();
  await expect(page.getByTestId('machine-name')).toHaveText(NAME);
});
