/**
 * Networks as a person uses them: the table of the host's networks, the create
 * dialog with its inline checks (bad names, an invalid CIDR, a DHCP range
 * outside the subnet), a network created and seen in the table, a guest
 * leasing an address on the lab's DHCP network with the lease shown next to
 * its name (a link to its page, whose NICs card shows the same lease), and a
 * delete confirmed, refused while a running machine uses the network (named),
 * then done. Only "e2e-" objects are made (the guest by virsh, as setup), and
 * removed at the end; the lab's networks are only read.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { virsh } from './support/lab';
import { connectLabSsh, openArea } from './support/ui';

/** A copy of the lab's stopped guest with no disk and two NICs: one on the DHCP network (known MAC), one on `net`. */
function guestXml(labXml: string, name: string, mac: string, dhcpNet: string, net: string): string {
  const nics =
    `<interface type='network'><mac address='${mac}'/><source network='${dhcpNet}'/><model type='virtio'/></interface>` +
    `<interface type='network'><source network='${net}'/><model type='virtio'/></interface>`;
  return labXml
    .replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`)
    .replace(/\s*<uuid>[^<]*<\/uuid>/, '')
    .replace(/\s*<title>[^<]*<\/title>/, '')
    .replace(/\s*<description>[^<]*<\/description>/, '')
    .replace(/nc\.host=[^ <]*/, `nc.host=${name}`)
    .replace(/\s*<log [^>]*\/>/g, '')
    .replace(/\s*<disk [\s\S]*?<\/disk>/g, '')
    .replace(/\s*<interface [\s\S]*?<\/interface>/g, '')
    .replace('</devices>', `${nics}</devices>`);
}

/** A /24 of 10.213.0.0/16 (with the one above it) that no network of the host uses now; 250 is the lab's. */
function freeOctet(uri: string): number {
  const used = new Set([250]);
  for (const name of virsh(uri, 'net-list', '--all', '--name').out.split('\n').filter(Boolean))
    for (const m of virsh(uri, 'net-dumpxml', name).out.matchAll(/address='10\.213\.(\d+)\./g)) used.add(Number(m[1]));
  const free = Array.from({ length: 248 }, (_, i) => i + 1).filter((o) => !used.has(o) && !used.has(o + 1));
  return free[randomInt(0, free.length)]!;
}

test.describe('Networks', () => {
  test('create from the dialog, a guest leases an address, delete refused while it runs, then deleted', async ({ page, lab, shot }) => {
    test.setTimeout(360_000);
    const tag = randomBytes(3).toString('hex');
    const net = `e2e-net-${tag}`;
    const guest = `e2e-netguest-${tag}`;
    const mac = `52:54:00:e2:${randomBytes(1).toString('hex')}:${randomBytes(1).toString('hex')}`;
    const octet = freeOctet(lab.system);
    const xmlFile = join(tmpdir(), `${guest}.xml`);
    const DHCP_NET = lab.dhcpNetwork ?? 'novacron-dhcp';
    try {
      await connectLabSsh(page, lab);
      await openArea(page, 'networks');
      await expect(page.getByTestId('networks-page')).toBeVisible();
      await expect(page.getByTestId(`network-row-${lab.network}`)).toBeVisible();
      const dhcpRow = page.getByTestId(`network-row-${DHCP_NET}`);
      await expect(dhcpRow).toContainText('10.213.250.100 – 10.213.250.199');
      await expect(dhcpRow.getByTestId('network-state')).toHaveText('active');
      await shot('table');

      // The dialog checks as one types: names with XML or shell characters, a bad CIDR, a range outside the subnet.
      await page.getByTestId('network-create').click();
      const form = page.getByTestId('network-create-form');
      await expect(form).toBeVisible();
      await form.getByTestId('network-create-name').fill("lab'><forward/>");
      await expect(form).toContainText('letters, digits and _ . - only');
      await form.getByTestId('network-create-name').fill('net;rm -rf /');
      await expect(form).toContainText('letters, digits and _ . - only');
      await form.getByTestId('network-create-name').fill(net);
      await expect(form).not.toContainText('letters, digits and _ . - only');
      await form.getByTestId('network-create-mode').getByText('Isolated').click();
      await form.getByTestId('network-create-cidr').fill(`10.213.${octet}.300/24`);
      await expect(form).toContainText('is not an IPv4 address');
      await form.getByTestId('network-create-cidr').fill(`10.213.${octet}.1/24`);
      await expect(form).not.toContainText('is not an IPv4 address');
      await form.getByTestId('network-create-dhcp-start').fill(`10.213.${octet}.50`);
      await form.getByTestId('network-create-dhcp-end').fill(`10.213.${octet + 1}.10`);
      await expect(form).toContainText(`10.213.${octet + 1}.10 is outside 10.213.${octet}.0/24`);
      await expect(form.getByTestId('network-create-save')).toBeDisabled();
      await shot('create-invalid');
      await form.getByTestId('network-create-dhcp-end').fill(`10.213.${octet}.60`);
      await expect(form.getByTestId('network-create-save')).toBeEnabled();
      await shot('create-filled');
      await form.getByTestId('network-create-save').click();
      await expect(form).toBeHidden();
      const row = page.getByTestId(`network-row-${net}`);
      await expect(row).toBeVisible();
      await expect(row.getByTestId('network-state')).toHaveText('active');
      await expect(row.getByTestId('network-mode')).toHaveText('isolated');
      await expect(row.getByTestId('network-dhcp')).toHaveText(`10.213.${octet}.50 – 10.213.${octet}.60`);
      expect(virsh(lab.system, 'net-dumpxml', net).out).not.toContain('<forward');
      await shot('created');

      // Its own page: stop (asked first) and start again; the facts follow without a reload.
      await row.getByTestId('network-link').click();
      await expect(page).toHaveURL(new RegExp(`#/networks/[^/]+/${net}$`));
      const facts = page.getByTestId('network-facts');
      await expect(facts.getByTestId('network-state')).toHaveText('active');
      await expect(page.getByTestId('network-leases-empty')).toHaveText('No guest holds a lease right now.');
      await page.getByTestId(`network-actions-${net}`).click();
      await page.getByTestId('network-stop').click();
      await expect(page.getByRole('dialog')).toContainText(`Stop the network ${net}?`);
      await page.getByRole('dialog').getByTestId('confirm-action').click();
      await expect(facts.getByTestId('network-state')).toHaveText('inactive');
      expect(virsh(lab.system, 'net-info', net).out).toMatch(/Active:\s+no/);
      await page.getByTestId(`network-actions-${net}`).click();
      await page.getByTestId('network-start').click();
      await expect(facts.getByTestId('network-state')).toHaveText('active');
      await shot('detail');
      await openArea(page, 'networks');

      // Setup: a throwaway guest on the DHCP network and on the new one, started.
      const labXml = virsh(
        lab.system,
        'dumpxml',
        '--inactive',
        lab.guests.find((g) => g !== lab.runningGuest)!,
      );
      expect(labXml.ok).toBe(true);
      writeFileSync(xmlFile, guestXml(labXml.out, guest, mac, DHCP_NET, net));
      expect(virsh(lab.system, 'define', xmlFile).ok).toBe(true);
      expect(virsh(lab.system, 'start', guest).ok).toBe(true);

      // The DHCP network's page: the guest's lease shows up next to its name.
      await dhcpRow.getByTestId('network-link').click();
      await expect(page).toHaveURL(new RegExp(`#/networks/[^/]+/${DHCP_NET}$`));
      const lease = page.getByTestId(`lease-row-${mac}`);
      await expect(lease).toBeVisible({ timeout: 180_000 });
      await expect(lease.getByTestId('lease-machine')).toHaveText(guest);
      await expect(lease).toContainText(guest); // its hostname, as udhcpc sent it
      const ip = (await lease.getByTestId('lease-ip').textContent())!.replace(/\/\d+$/, '');
      expect(ip).toMatch(/^10\.213\.250\.(1\d\d)$/);
      await shot('lease');
      // The page survives a reload (its own address).
      await page.reload();
      await expect(page.getByTestId(`lease-row-${mac}`).getByTestId('lease-machine')).toHaveText(guest);

      // The lease links to the machine, whose NICs card shows the same address from the lease.
      await page.getByTestId(`lease-row-${mac}`).getByTestId('lease-machine').click();
      await expect(page).toHaveURL(/#\/machines\//);
      const nic = page.getByTestId(`nic-row-${mac}`);
      await expect(nic).toContainText(ip, { timeout: 30_000 });
      await expect(nic).toContainText('DHCP lease');
      await nic.scrollIntoViewIfNeeded();
      await shot('machine-nic-lease');
      // ... and its network's name links back to the network's page.
      await nic.getByTestId('nic-network-link').click();
      await expect(page).toHaveURL(new RegExp(`#/networks/[^/]+/${DHCP_NET}$`));
      await expect(page.getByTestId(`lease-row-${mac}`)).toBeVisible();

      // Delete while the guest runs: confirmed, then refused, naming the guest.
      await openArea(page, 'networks');
      await page.getByTestId(`network-actions-${net}`).click();
      await page.getByTestId('network-delete').click();
      const confirm = page.getByRole('dialog');
      await expect(confirm).toContainText(`Delete the network ${net}?`);
      await confirm.getByTestId('confirm-action').click();
      const inUse = page.getByTestId('network-in-use');
      await expect(inUse).toBeVisible();
      await expect(inUse).toContainText(`"${guest}"`);
      await expect(inUse.getByTestId('network-in-use-machine')).toHaveText(guest);
      await shot('delete-refused');
      await inUse.getByTestId('network-in-use-close').click();
      await expect(row).toBeVisible();

      // Once the guest is off, the delete goes through and the row goes away without a reload.
      expect(virsh(lab.system, 'destroy', guest).ok).toBe(true);
      await page.getByTestId(`network-actions-${net}`).click();
      await page.getByTestId('network-delete').click();
      await page.getByRole('dialog').getByTestId('confirm-action').click();
      await expect(row).toHaveCount(0);
      expect(virsh(lab.system, 'net-info', net).ok).toBe(false);
      await shot('deleted');
    } finally {
      virsh(lab.system, 'destroy', guest);
      virsh(lab.system, 'undefine', guest);
      virsh(lab.system, 'net-destroy', net);
      virsh(lab.system, 'net-undefine', net);
      rmSync(xmlFile, { force: true });
    }
  });
});
