import { describe, expect, it } from 'vitest';
import { movePanel, movePanelTo, normalizeLayout, PANEL_IDS, readLayout, spans } from './dashboard-layout';

describe('dashboard layout', () => {
  it('falls back to the default order, drops unknown ids and duplicates, and adds panels it did not know', () => {
    expect(normalizeLayout(null)).toEqual([...PANEL_IDS]);
    expect(normalizeLayout(['heatmap', 'bogus', 'heatmap', 'hosts'])).toEqual(['heatmap', 'hosts', 'machines', 'alerts', 'top']);
    expect(readLayout({ getItem: () => '{not json' })).toEqual([...PANEL_IDS]);
    expect(readLayout({ getItem: () => '["top","alerts"]' }).slice(0, 2)).toEqual(['top', 'alerts']);
  });

  it('moves a panel up, down (clamped) and to a drop position', () => {
    const order = [...PANEL_IDS];
    expect(movePanel(order, 'heatmap', -1)).toEqual(['hosts', 'machines', 'alerts', 'heatmap', 'top']);
    expect(movePanel(order, 'hosts', -1)).toEqual(order);
    expect(movePanel(order, 'heatmap', 5)).toEqual(order);
    expect(movePanelTo(order, 'top', 0)).toEqual(['top', 'hosts', 'machines', 'alerts', 'heatmap']);
  });

  it('pairs half-width panels only when they are neighbours', () => {
    expect(spans(['hosts', 'machines', 'alerts', 'top', 'heatmap'])).toMatchObject({ hosts: 1, machines: 1, alerts: 2 });
    expect(spans(['hosts', 'alerts', 'machines', 'top', 'heatmap'])).toMatchObject({ hosts: 2, machines: 2 });
  });
});
