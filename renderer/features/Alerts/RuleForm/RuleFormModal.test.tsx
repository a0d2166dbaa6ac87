/** The rule form says what is wrong before anything is sent, and sends a valid rule once. */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../../../shared/contract/alerts';
import { connection } from '../../../test/fixtures';
import { renderApp } from '../../../test/render-app';
import { createTestBackend } from '../../../test/test-backend';

const BUILTIN: AlertRule = {
  id: 'builtin-vm-cpu',
  builtin: true,
  name: 'Machine CPU above 95% for 5 min',
  kind: 'threshold',
  metric: 'cpu_pct',
  scope: { kind: 'all' },
  condition: 'above',
  threshold: 95,
  clearThreshold: 90,
  forSec: 300,
  severity: 'warning',
  enabled: true,
};

function world() {
  const rules: AlertRule[] = [BUILTIN];
  const backend = createTestBackend({
    'app.info': () => ({ version: 'test', shell: 'electron', dataDir: '/data', secretStorage: false, warnings: [] }),
    'connections.list': () => [connection({ id: 'c1', name: 'kvm01', state: 'connected' })],
    'alerts.list': () => [],
    'alerts.rules': () => rules,
    'alerts.createRule': (input) => {
      const r = { ...input, id: `r${rules.length}`, builtin: false } as AlertRule;
      rules.push(r);
      return r;
    },
  });
  return backend;
}

describe('Rule form', () => {
  it('shows validation messages and sends nothing until the rule is valid', async () => {
    const backend = world();
    const { user } = renderApp(backend, 'alerts');
    await user.click(await screen.findByTestId('alerts-tab-rules'));
    const table = await screen.findByTestId('rules-table');
    // The built-in rule: editable, not deletable.
    expect(within(table).getByTestId(`rule-edit-${BUILTIN.name}`)).toBeTruthy();
    expect(within(table).queryByTestId(`rule-delete-${BUILTIN.name}`)).toBeNull();
    expect(table.textContent).toContain('CPU (of its vCPUs) above 95 % for 5 min (clears below 90 %)');

    await user.click(screen.getByTestId('rule-add'));
    const form = await screen.findByTestId('rule-form');
    const threshold = within(form).getByTestId('rule-threshold');
    await user.clear(threshold);
    await user.type(threshold, '120');
    await user.type(within(form).getByTestId('rule-clear'), '90');
    await user.click(within(form).getByTestId('rule-save'));
    expect(form.textContent).toContain('A name is required');
    expect(form.textContent).toContain('Between 0 and 100 %');
    expect(backend.callsTo('alerts.createRule')).toEqual([]);

    // Fixing the fields clears their messages as you type.
    await user.type(within(form).getByTestId('rule-name'), 'Hot CPU');
    await user.clear(threshold);
    await user.type(threshold, '80');
    await waitFor(() => expect(form.textContent).not.toContain('A name is required'));
    expect(form.textContent).toContain('For an "above" rule, the alert clears at or below the threshold');
    await user.clear(within(form).getByTestId('rule-clear'));
    await user.click(within(form).getByTestId('rule-save'));
    await waitFor(() => expect(backend.callsTo('alerts.createRule')).toHaveLength(1));
    expect(backend.callsTo('alerts.createRule')[0]).toMatchObject({
      name: 'Hot CPU',
      metric: 'cpu_pct',
      threshold: 80,
      forSec: 300,
      scope: { kind: 'all' },
    });
    await waitFor(() => expect(screen.queryByTestId('rule-form')).toBeNull());
    await screen.findByTestId('rule-row-Hot CPU');
  });
});
