/** Desktop notifications: an alert that fires is shown once, whatever events follow it. */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/contract/alerts.js';
import { createAlertNotices } from '../../electron/backend/alerts/notify.js';

const alert = (over: Partial<Alert>): Alert => ({
  id: 'a1',
  ruleId: 'r',
  ruleName: 'Host unreachable',
  severity: 'critical',
  state: 'firing',
  subject: { connectionId: 'c', name: 'far' },
  message: 'far is unreachable: connection reset',
  since: 1,
  firedAt: 2,
  ...over,
});

describe('desktop notices', () => {
  it('notifies once per firing alert, never for pending, resolved or other events', () => {
    const notice = createAlertNotices();
    expect(notice('alert.changed', alert({ state: 'pending' }))).toBeNull();
    expect(notice('alert.changed', alert({}))).toEqual({
      title: 'NovaCron: Host unreachable',
      body: 'far is unreachable: connection reset',
      urgency: 'critical',
    });
    expect(notice('alert.changed', alert({ acknowledged: { by: 'me', at: 3 } }))).toBeNull();
    expect(notice('alert.changed', alert({}))).toBeNull();
    expect(notice('alert.changed', alert({ state: 'resolved' }))).toBeNull();
    expect(notice('vm.changed', alert({ id: 'a2' }))).toBeNull();
    expect(notice('alert.changed', alert({ id: 'a3', severity: 'info' }))?.urgency).toBe('low');
  });
});
