/**
 * Consoles as a person uses them, over the lab's SSH host: a machine's serial
 * console as a tab answering a typed command, its graphical console (noVNC
 * through the SSH connection NovaCron holds) whose canvas changes when typed
 * into, and two consoles as tabs surviving navigation away and back.
 */
import { spawn } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test, type Lab } from './fixtures';
import { connectLabSsh, openArea } from './support/ui';

function vncGuestOf(lab: Lab): string {
  if (!lab.vncGuest) throw new Error('the lab has no VNC guest (vncGuest): run `bash e2e/lab/lab.sh up`');
  return lab.vncGuest;
}

async function openMachine(page: Page, name: string): Promise<void> {
  await openArea(page, 'machines');
  await page.getByTestId(`vm-open-${name}`).click();
  await expect(page.getByTestId('machine-name')).toHaveText(name);
  await expect(page.getByTestId('machine-state')).toHaveAttribute('data-state', 'running');
}

const terminalText = (page: Page) => page.getByTestId('serial-terminal').locator('.xterm-rows');

async function canvasSnapshot(page: Page): Promise<{ url: string; width: number; height: number }> {
  return page
    .getByTestId('vnc-screen')
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => ({
      url: c.toDataURL(),
      width: c.width,
      height: c.height,
    }));
}

test.describe('Consoles', () => {
  test('serial console as a tab: a typed command answers on screen', async ({ page, lab, shot }) => {
    const guest = vncGuestOf(lab);
    await connectLabSsh(page, lab);
    await openMachine(page, guest);
    await page.getByTestId('open-serial-console').click();
    const tab = page.getByTestId('console-tab');
    await expect(tab).toHaveCount(1);
    await expect(tab).toContainText(`${guest} · Serial`);
    const serial = page.getByTestId('serial-console');
    await expect(serial).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
    await page.getByTestId('serial-terminal').click();
    // A suffix of this run: output left in the guest's tty by an earlier reader must not count.
    const run = String(Date.now() % 1_000_000);
    await page.keyboard.type(`echo AB$((40+2))CD${run}`);
    await page.keyboard.press('Enter');
    // The answer, not the echo of the typed line (that one reads "AB$((40+2))CD...").
    await expect(terminalText(page)).toContainText(`AB42CD${run}`, { timeout: 30_000 });

    // Paste (Ctrl+Shift+V) and copy (a double-clicked word, Ctrl+Shift+C) through the clipboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate((r) => navigator.clipboard.writeText(`echo PA$((3*3))STE${r}`), run);
    await page.getByTestId('serial-terminal').click();
    await page.keyboard.press('Control+Shift+V');
    // The clipboard is read asynchronously: Enter once the pasted line shows (once only: no double paste).
    await expect(terminalText(page)).toContainText(`echo PA$((3*3))STE${run}`);
    await expect(terminalText(page)).not.toContainText(`STE${run}echo`);
    await page.keyboard.press('Enter');
    const answer = terminalText(page)
      .locator('div')
      .filter({ hasText: new RegExp(`^PA9STE${run}\\s*$`) });
    await expect(answer).toHaveCount(1, { timeout: 30_000 });
    // The row sits under xterm's own mouse layer: click where it is.
    const box = (await answer.boundingBox())!;
    await page.mouse.dblclick(box.x + 8, box.y + box.height / 2);
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`PA9STE${run}`);
    await shot('serial-console');
  });

  test('graphical console: noVNC through the SSH connection, the canvas updates', async ({ page, lab, shot }) => {
    const guest = vncGuestOf(lab);
    await connectLabSsh(page, lab);
    await openMachine(page, guest);
    await page.getByTestId('open-graphical-console').click();
    const vnc = page.getByTestId('graphical-console');
    await expect(vnc).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
    await expect(vnc).toContainText('through the host’s SSH connection');
    // The guest's VGA text mode: 720x400.
    await expect.poll(async () => (await canvasSnapshot(page)).width, { timeout: 20_000 }).toBeGreaterThan(0);
    const first = await canvasSnapshot(page);
    expect(first.height).toBeGreaterThan(0);
    await shot('graphical-console-before');

    // Type into the VGA console's shell through noVNC: the guest draws the characters.
    await page.getByTestId('vnc-screen').locator('canvas').first().click();
    const marker = `vnc-${Date.now() % 100000}`;
    await page.keyboard.type(`echo ${marker}`);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await canvasSnapshot(page)).url !== first.url, { timeout: 30_000 }).toBe(true);
    await shot('graphical-console-after');
  });

  test('two consoles as tabs stay open while navigating away and back', async ({ page, lab, shot }) => {
    const guest = vncGuestOf(lab);
    await connectLabSsh(page, lab);
    await openMachine(page, guest);
    await page.getByTestId('open-serial-console').click();
    await expect(page.getByTestId('serial-console')).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
    await page.getByTestId('serial-terminal').click();
    const run = String(Date.now() % 1_000_000);
    await page.keyboard.type(`echo KEEP$((6*7))ME${run}`);
    await page.keyboard.press('Enter');
    await expect(terminalText(page)).toContainText(`KEEP42ME${run}`, { timeout: 30_000 });

    await page.getByTestId('open-graphical-console').click();
    await expect(page.getByTestId('console-tab')).toHaveCount(2);
    await expect(page.getByTestId('graphical-console')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });

    // Away: another area, then the connections page; the dock and its two consoles stay.
    await openArea(page, 'connections');
    await expect(page.getByTestId('console-tab')).toHaveCount(2);
    await openArea(page, 'alerts');
    await shot('consoles-elsewhere');
    // Back to the machine: the same two tabs, the same sessions (the serial scrollback is still there).
    await openMachine(page, guest);
    const tabs = page.getByTestId('console-tab');
    await expect(tabs).toHaveCount(2);
    await tabs.filter({ hasText: 'Serial' }).click();
    await expect(page.getByTestId('serial-console')).toHaveAttribute('data-state', 'open');
    await expect(terminalText(page)).toContainText(`KEEP42ME${run}`);
    await tabs.filter({ hasText: 'Graphical' }).click();
    await expect(page.getByTestId('graphical-console')).toHaveAttribute('data-state', 'connected');
    await shot('consoles-back');

    // Closing a tab ends that console only.
    await page.getByRole('button', { name: `Close ${guest} · Graphical` }).click();
    await expect(page.getByTestId('console-tab')).toHaveCount(1);
  });

  test('a serial console in use elsewhere: said clearly, then taken over', async ({ page, lab, shot }) => {
    const guest = vncGuestOf(lab);
    // Someone else holds the console: `virsh console` on a pty (script gives it one).
    const other = spawn('script', ['-qfc', `virsh -c ${lab.system} console ${guest}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`virsh console did not attach: ${out}`)), 20_000);
        other.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Escape character')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      await connectLabSsh(page, lab);
      await openMachine(page, guest);
      await page.getByTestId('open-serial-console').click();
      await expect(page.getByTestId('serial-console')).toHaveAttribute('data-state', 'busy', { timeout: 30_000 });
      await expect(page.getByTestId('serial-busy')).toContainText('in use by another session');
      await shot('serial-console-in-use');
      await page.getByTestId('serial-take-over').click();
      await expect(page.getByTestId('serial-console')).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
      await page.getByTestId('serial-terminal').click();
      const run = String(Date.now() % 1_000_000);
      await page.keyboard.type(`echo TAKEN$((1+1))OVER${run}`);
      await page.keyboard.press('Enter');
      await expect(terminalText(page)).toContainText(`TAKEN2OVER${run}`, { timeout: 30_000 });
    } finally {
      other.kill();
    }
  });
});
