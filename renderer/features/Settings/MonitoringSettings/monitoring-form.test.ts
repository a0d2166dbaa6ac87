import { describe, expect, it } from 'vitest';
import { MetricsSettings } from '../../../../shared/contract/metrics';
import { toForm, toSettings, validateMonitoring } from './monitoring-form';

const defaults = { intervalMs: 2000, recentMinutes: 15, retention1mDays: 7, retention15mDays: 90 };

describe('monitoring settings form', () => {
  it('round-trips the settings, in seconds and days', () => {
    const form = toForm(defaults);
    expect(form.intervalSec).toBe(2);
    expect(validateMonitoring(form)).toEqual({});
    expect(MetricsSettings.parse(toSettings(form))).toEqual(defaults);
  });
  it('says what is out of bounds', () => {
    const e = validateMonitoring({ intervalSec: 0.2, recentMinutes: '', retention1mDays: 120, retention15mDays: 3 });
    expect(e).toEqual({
      intervalSec: 'Between 0.5 and 300 seconds',
      recentMinutes: 'Required',
      retention1mDays: 'Between 1 and 90 days',
      retention15mDays: 'Between 7 and 1,095 days',
    });
    expect(validateMonitoring({ ...toForm(defaults), intervalSec: 1.3 }).intervalSec).toBe('In steps of 0.5 seconds');
    expect(validateMonitoring({ ...toForm(defaults), retention1mDays: 30, retention15mDays: 14 }).retention15mDays).toMatch(
      /at least as long/,
    );
  });
});
