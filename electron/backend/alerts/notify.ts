/**
 * Which backend events deserve a desktop notification, and its text: an
 * alert that fires, once per alert (an acknowledgement re-sends the alert,
 * a restart restores it; neither notifies again). The Electron shell only
 * shows what this returns, so the decision is testable without Electron.
 */
import type { Alert } from '../../../shared/contract/alerts.js';

export interface DesktopNotice {
  title: string;
  body: string;
  urgency: 'low' | 'normal' | 'critical';
}

const REMEMBERED = 1000;

export function createAlertNotices(): (name: string, payload: unknown) => DesktopNotice | null {
  const shown = new Set<string>();
  return (name, payload) => {
    if (name !== 'alert.changed') return null;
    const a = payload as Alert;
    if (a.state !== 'firing' || a.acknowledged || shown.has(a.id)) return null;
    shown.add(a.id);
    if (shown.size > REMEMBERED) shown.delete(shown.values().next().value!);
    const urgency = a.severity === 'critical' ? 'critical' : a.severity === 'warning' ? 'normal' : 'low';
    return { title: `NovaCron: ${a.ruleName}`, body: a.message, urgency };
  };
}
