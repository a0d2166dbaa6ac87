/**
 * Monitoring test support: this machine connected the way a first run does,
 * and real CPU load in a lab guest through its serial shell (libvirt's
 * console stream, from the test process, as test/monitoring/collector.test.ts does).
 */
import { expect, type Page } from '@playwright/test';
import { api, LibvirtConnection } from '../../electron/libvirt/index.js';
import { GuestConsole } from '../../test/helpers/guest-console.js';
import { connectionState, openArea, vmAction, vmState } from './ui';

/** The first-run offer on Machines: "This machine" (qemu:///system) added and connected. */
export async function connectThisMachine(page: Page, guests: string[]): Promise<void> {
  await openArea(page, 'machines');
  await page.getByTestId('add-local-host').click();
  for (const g of guests) await expect(page.getByTestId(`vm-row-${g}`)).toBeVisible({ timeout: 30_000 });
  await openArea(page, 'connections');
  await expect(connectionState(page, 'This machine')).toHaveAttribute('data-state', 'connected');
}

/** Starts the guest through the UI unless it runs already. */
export async function ensureRunning(page: Page, guest: string): Promise<void> {
  await openArea(page, 'machines');
  const state = vmState(page, guest);
  await expect(state).toBeVisible();
  if ((await state.getAttribute('data-state')) !== 'running') {
    await vmAction(page, 'start', guest);
    await expect(state).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  }
}

/** A busy loop in the guest's shell, and its end. */
export class GuestLoad {
  private constructor(
    private readonly conn: LibvirtConnection,
    private readonly shell: GuestConsole,
  ) {}

  static async open(uri: string, guest: string): Promise<GuestLoad> {
    const conn = await LibvirtConnection.open(uri);
    try {
      const dom = await api.lookupDomainByName(conn, guest);
      const shell = await GuestConsole.open(conn, dom);
      // Booted and answering (a guest started just now needs a while).
      await shell.run('echo AB$((40+2))CD', 'AB42CD', 150_000);
      return new GuestLoad(conn, shell);
    } catch (e) {
      await conn.close();
      throw e;
    }
  }

  async start(): Promise<void> {
    await this.shell.run('(while :; do :; done) & echo LO$((1+1))AD', 'LO2AD');
  }

  async stop(): Promise<void> {
    // Every background job of this shell; `kill %1` where only one runs.
    await this.shell.run('kill $(jobs -p) 2>/dev/null; echo ST$((2+3))OP', 'ST5OP').catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.stop();
    await this.shell.close();
    await this.conn.close();
  }
}
