/** The alert centre's filter: which alerts a view, severity and text select. */
import type { Alert, Severity } from '../../../../shared/contract/alerts';
import { isActive } from '../queries';

export type AlertView = 'active' | 'history' | 'all';

export interface AlertFilter {
  view: AlertView;
  severity: Severity | 'any';
  /** Words that must all appear in the rule, subject or message. */
  text: string;
}

export function filterAlerts(list: readonly Alert[], f: AlertFilter): Alert[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((a) => {
    if (f.view === 'active' && !isActive(a)) return false;
    if (f.view === 'history' && isActive(a)) return false;
    if (f.severity !== 'any' && a.severity !== f.severity) return false;
    if (words.length === 0) return true;
    const hay = `${a.ruleName}\n${a.subject.name}\n${a.message}\n${a.state}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
