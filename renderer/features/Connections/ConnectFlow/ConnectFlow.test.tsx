import { screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppErrorShape, Connection, HostKey } from '../../../../shared/types';
import { connection } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { BackendError, createTestBackend, type TestBackend } from '../../../test/test-backend';

/*
 * Connecting from the Connections screen, when the backend answers the first
 * attempt with a host-key or authentication error. The errors are shaped as
 * electron/backend/errors.ts makes them from the SSH transport's
 * ConnectionErrors (electron/libvirt/transport/ssh.ts): only host-key-unknown
 * carries the offered key; host-key-changed and auth-failed carry a message.
 */

const KVM03 = connection({ id: 'c-kvm03', name: 'kvm03', uri: 'qemu+ssh://root@kvm03.lab/system' });
const FINGERPRINT = 'SHA256:n8Vq3Jb5cVw1mFh0e2yXo9kT7rLd4sGpQaZ6uBiE3lU';
const OTHER_FINGERPRINT = 'SHA256:Xk2p9QeL0vJm4TgW7sNc1YbH5dRf8uAo3iZ6lKjE0qC';
const HOST_KEY: HostKey = { host: 'kvm03.lab', port: 22, keyType: 'ssh-ed25519', fingerprint: FINGERPRINT };

const UNKNOWN_KEY: AppErrorShape = {
  code: 'host-key-unknown',
  message:
    `the SSH host key of kvm03.lab:22 (ssh-ed25519 key ${FINGERPRINT}) was not accepted; check the fingerprint on the host ` +
    '(ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then accept it when asked, or add this line to /data/known_hosts: ' +
    'kvm03.lab ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJx1',
  hostKey: HOST_KEY,
};
const CHANGED_KEY: AppErrorShape = {
  code: 'host-key-changed',
  message:
    `the SSH host key of kvm03.lab:22 has CHANGED: the server now presents ssh-ed25519 key ${OTHER_FINGERPRINT}, but /data/known_hosts ` +
    'line 3 records a different ssh-ed25519 key. Someone may be intercepting the connection, or the host was reinstalled. ' +
    'If the change is expected, remove line 3 from /data/known_hosts and connect again.',
};
const AUTH_FAILED: AppErrorShape = {
  code: 'auth-failed',
  message: 'SSH authentication as root on kvm03.lab:22 failed (tried publickey, password)',
};

/**
 * A backend with one SSH connection, kvm03. `connect` decides each attempt's
 * outcome; like the real one it announces the connection's state as events.
 */
function setup(opts: { connect: (input: { secret?: string }) => AppErrorShape | null; trust?: boolean; secretStorage?: boolean }) {
  let current: Connection = KVM03;
  let trusted: string | undefined;
  // Called from the handlers, once `backend` exists.
  function announce(c: Connection) {
    current = c;
    backend.emit('connection.changed', c);
  }
  const backend = createTestBackend({
    'app.info': () => ({ version: 'test', shell: 'electron', dataDir: '/data', secretStorage: opts.secretStorage ?? false, warnings: [] }),
    'connections.list': () => [current],
    'vms.list': () => [],
    'connections.connect': (input) => {
      const error = trusted === FINGERPRINT ? null : opts.connect(input);
      trusted = undefined; // the backend accepts a trusted key for the next connect only
      if (error) {
        announce({ ...KVM03, state: 'failed', lastError: error });
        throw new BackendError(error);
      }
      const connected: Connection = { ...KVM03, state: 'connected', hostname: 'kvm03', libvirtVersion: '10.0.0' };
      announce(connected);
      return connected;
    },
    // Like electron/backend/hosts/host-keys.ts: only the fingerprint the host offered can be trusted.
    'connections.trustHostKey': ({ fingerprint }) => {
      if (fingerprint !== FINGERPRINT) {
        throw new BackendError({
          code: 'conflict',
          message: 'The fingerprint does not match the key the host offered; the key was not trusted.',
          hostKey: HOST_KEY,
        });
      }
      trusted = fingerprint;
      return { ok: true as const };
    },
  });
  return { backend, ...renderApp(backend, 'connections') };
}

/** The connection-changing calls the renderer made, in order (reads left out). */
const writes = (backend: TestBackend) =>
  backend.calls.filter(
    (c) => !['connections.list', 'app.info', 'vms.list', 'alerts.list', 'jobs.list', 'inventory.list'].includes(c.method),
  );

/** kvm03's row in the connections table: the row whose Name cell reads "kvm03". */
function kvm03Row(): HTMLTableRowElement {
  const row = [...document.querySelectorAll('tbody tr')].find((tr) => (tr as HTMLTableRowElement).cells[0]?.textContent === 'kvm03');
  if (!row) throw new Error('no connection row named kvm03 on screen');
  return row as HTMLTableRowElement;
}

/** The Connect button of kvm03, once the list is on screen. */
async function connectButton(): Promise<HTMLElement> {
  await waitFor(kvm03Row);
  return within(kvm03Row()).getByRole('button', { name: 'Connect' });
}

const stateOf = (row: HTMLTableRowElement) => row.cells[2]?.textContent;

describe('Connect flow', () => {
  it('shows an unknown host key; Trust sends exactly that fingerprint, then connects again', async () => {
    const { backend, user } = setup({ connect: () => UNKNOWN_KEY });
    await user.click(await connectButton());

    const dialog = await screen.findByRole('dialog', { name: 'Unknown host key' });
    expect(within(dialog).getByText(FINGERPRINT)).toBeTruthy();
    expect(within(dialog).getByText('ssh-ed25519')).toBeTruthy();
    expect(within(dialog).getAllByText('kvm03.lab:22').length).toBeGreaterThan(0);
    expect(writes(backend)).toEqual([{ method: 'connections.connect', input: { id: 'c-kvm03' } }]);

    await user.click(within(dialog).getByRole('button', { name: 'Trust and connect' }));
    await waitForElementToBeRemoved(dialog);
    expect(writes(backend)).toEqual([
      { method: 'connections.connect', input: { id: 'c-kvm03' } },
      { method: 'connections.trustHostKey', input: { id: 'c-kvm03', fingerprint: FINGERPRINT } },
      { method: 'connections.connect', input: { id: 'c-kvm03' } },
    ]);
    await waitFor(() => expect(stateOf(kvm03Row())).toBe('connected'));
  });

  it('records nothing and does not connect when the unknown key is not trusted', async () => {
    const { backend, user } = setup({ connect: () => UNKNOWN_KEY });
    await user.click(await connectButton());
    const dialog = await screen.findByRole('dialog', { name: 'Unknown host key' });

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitForElementToBeRemoved(dialog);
    expect(await screen.findByText('Not connected to kvm03')).toBeTruthy();
    expect(writes(backend)).toEqual([{ method: 'connections.connect', input: { id: 'c-kvm03' } }]);
    expect(stateOf(kvm03Row())).toBe('failed');
  });

  it('refuses a changed host key outright: the explanation, and no way to trust it from here', async () => {
    const { backend, user } = setup({ connect: () => CHANGED_KEY });
    await user.click(await connectButton());

    const dialog = await screen.findByRole('dialog', { name: 'Connection refused' });
    expect(within(dialog).getByText('The host key has changed')).toBeTruthy();
    expect(dialog.textContent).toContain(CHANGED_KEY.message);
    expect(dialog.textContent).toContain('/data/known_hosts');
    const buttons = within(dialog)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(buttons.some((label) => /trust|connect/i.test(label ?? ''))).toBe(false);

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitForElementToBeRemoved(dialog);
    expect(writes(backend)).toEqual([{ method: 'connections.connect', input: { id: 'c-kvm03' } }]);
  });

  it('asks for a password when the host wants one and passes it to connect, again after a wrong one', async () => {
    const { backend, user } = setup({ connect: ({ secret }) => (secret === 'correct horse' ? null : AUTH_FAILED) });
    await user.click(await connectButton());

    let dialog = await screen.findByRole('dialog', { name: 'Authentication needed' });
    expect(within(dialog).queryByRole('checkbox')).toBeNull(); // no keychain here: nothing to remember it in
    await user.type(within(dialog).getByLabelText('Password'), 'wrong');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(within(document.body).getByText('That did not work')).toBeTruthy());
    dialog = screen.getByRole('dialog', { name: 'Authentication needed' });
    expect(dialog.textContent).toContain(AUTH_FAILED.message);

    const password = within(dialog).getByLabelText('Password');
    await user.clear(password);
    await user.type(password, 'correct horse');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitForElementToBeRemoved(dialog);
    expect(writes(backend)).toEqual([
      { method: 'connections.connect', input: { id: 'c-kvm03' } },
      { method: 'connections.connect', input: { id: 'c-kvm03', secret: 'wrong', rememberSecret: false } },
      { method: 'connections.connect', input: { id: 'c-kvm03', secret: 'correct horse', rememberSecret: false } },
    ]);
    await waitFor(() => expect(stateOf(kvm03Row())).toBe('connected'));
  });

  it('passes “remember it” along with the secret where the system has a keychain; Cancel sends nothing', async () => {
    const { backend, user } = setup({ connect: ({ secret }) => (secret === 's3cret' ? null : AUTH_FAILED), secretStorage: true });
    const connect = async () => user.click(await connectButton());

    await connect();
    let dialog = await screen.findByRole('dialog', { name: 'Authentication needed' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitForElementToBeRemoved(dialog);
    expect(writes(backend)).toHaveLength(1);

    await connect();
    dialog = await screen.findByRole('dialog', { name: 'Authentication needed' });
    await user.type(within(dialog).getByLabelText('Password'), 's3cret');
    await user.click(within(dialog).getByRole('checkbox', { name: /Remember it/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitForElementToBeRemoved(dialog);
    expect(writes(backend).slice(1)).toEqual([
      { method: 'connections.connect', input: { id: 'c-kvm03' } },
      { method: 'connections.connect', input: { id: 'c-kvm03', secret: 's3cret', rememberSecret: true } },
    ]);
  });
});
