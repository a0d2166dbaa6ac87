import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { addConnection, connectionState, openArea } from './support/ui';

test.describe('Connections', () => {
  test('add the lab SSH host, trust its key, see its guests', async ({ page, lab, shot }) => {
    await addConnection(page, { name: 'lab-ssh', uri: lab.ssh, keyFile: lab.keyfile });
    await shot('added');

    await page.getByTestId('connection-connect-lab-ssh').click();
    const modal = page.getByRole('dialog', { name: 'Unknown host key' });
    await expect(modal).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('hostkey-fingerprint')).toHaveText(lab.hostKeyFingerprint);
    await shot('unknown-host-key');

    await page.getByTestId('hostkey-trust').click();
    await expect(modal).toBeHidden({ timeout: 60_000 });
    await expect(connectionState(page, 'lab-ssh')).toHaveAttribute('data-state', 'connected');
    await expect(connectionState(page, 'lab-ssh')).toHaveText('connected');
    await shot('connected');

    await openArea(page, 'machines');
    for (const guest of lab.guests) {
      await expect(page.getByTestId(`vm-row-${guest}`)).toBeVisible();
      await expect(page.getByTestId(`vm-row-${guest}`)).toContainText('lab-ssh');
    }
    await expect(page.getByTestId(`vm-state-${lab.runningGuest}`)).toHaveAttribute('data-state', 'running');
    await shot('machines');
  });

  test('cancelling an unknown host key does not connect', async ({ page, lab, shot }) => {
    await addConnection(page, { name: 'stranger', uri: lab.sshUnknownHost, keyFile: lab.keyfile });
    await page.getByTestId('connection-connect-stranger').click();
    const modal = page.getByRole('dialog', { name: 'Unknown host key' });
    await expect(modal).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('hostkey-fingerprint')).toHaveText(lab.unknownHostKeyFingerprint);

    await page.getByTestId('hostkey-cancel').click();
    await expect(modal).toBeHidden();
    await expect(page.getByText('Not connected to stranger')).toBeVisible();
    await expect(page.getByText(/did not trust the host key/)).toBeVisible();
    await expect(connectionState(page, 'stranger')).not.toHaveAttribute('data-state', /^(connected|connecting)$/);
    await shot('cancelled');

    // Nothing was recorded: asking again shows the same question.
    await page.getByTestId('connection-connect-stranger').click();
    await expect(modal).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('hostkey-cancel').click();
    await expect(connectionState(page, 'stranger')).not.toHaveAttribute('data-state', 'connected');
  });

  test('a changed host key is refused, with the reason and the fix', async ({ page, lab, novacron, shot }) => {
    // NovaCron "remembers" another key for the lab host: what a man in the middle would look like.
    writeFileSync(join(novacron.dataDir, 'known_hosts'), `[${lab.sshHost}]:${lab.sshPort} ${lab.unknownHostKey}\n`);
    await addConnection(page, { name: 'lab-ssh', uri: lab.ssh, keyFile: lab.keyfile });
    await page.getByTestId('connection-connect-lab-ssh').click();
    const alert = page.getByTestId('hostkey-changed');
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(alert).toContainText('man-in-the-middle');
    await expect(page.getByRole('dialog')).toContainText('known_hosts');
    await shot('refused');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).first().click();
    await expect(connectionState(page, 'lab-ssh')).not.toHaveAttribute('data-state', 'connected');
  });

  test('edit and remove a connection', async ({ page, lab }) => {
    await addConnection(page, { name: 'sim', uri: lab.testHost, keyFile: '/nonexistent/key' });
    await page.getByTestId('connection-edit-sim').click();
    const form = page.getByTestId('connection-form');
    await expect(form.getByTestId('connection-uri')).toHaveValue(lab.testHost);
    await form.getByTestId('connection-name').fill('simulated');
    await form.getByTestId('connection-keyfile').fill('');
    await form.getByTestId('connection-save').click();
    await expect(form).toBeHidden();
    await expect(page.getByTestId('connection-row-simulated')).toBeVisible();
    await page.getByTestId('connection-edit-simulated').click();
    await expect(form.getByTestId('connection-keyfile')).toHaveValue('');
    await page.keyboard.press('Escape');

    await page.getByTestId('connection-remove-simulated').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Remove simulated?');
    await dialog.getByTestId('confirm-action').click();
    await expect(page.getByTestId('connection-row-simulated')).toHaveCount(0);
    await expect(page.getByText('No connections yet')).toBeVisible();
  });

  test('connections screen shows the validation messages of the contract', async ({ page, shot }) => {
    await openArea(page, 'connections');
    await page.getByTestId('add-connection').click();
    const form = page.getByTestId('connection-form');
    await form.getByTestId('connection-uri').fill('not a uri');
    await form.getByTestId('connection-save').click();
    await expect(form).toContainText('a name is required');
    await expect(form).toContainText('expected a libvirt URI');

    // By fields: the URI is built live.
    await form.getByText('By fields').click();
    await form.getByTestId('connection-host').fill('kvm01.example.org');
    await form.getByTestId('connection-port').fill('2222');
    await expect(form.getByTestId('connection-uri-preview')).toHaveText('qemu+ssh://root@kvm01.example.org:2222/system');
    await shot('by-fields');
  });
});
