/**
 * The rules NovaCron ships with. They are stored like any other rule, so
 * edits (thresholds, duration, severity, enabled) persist; they cannot be
 * deleted, and their kind cannot change. A built-in missing from the store
 * (a fresh or migrated document) is added at startup.
 */
import type { AlertRule } from '../../../shared/contract/alerts.js';

export const BUILTIN_RULES: readonly AlertRule[] = [
  {
    id: 'builtin-host-memory',
    builtin: true,
    name: 'Host memory above 90%',
    kind: 'threshold',
    metric: 'host_mem_used_pct',
    scope: { kind: 'all' },
    condition: 'above',
    threshold: 90,
    clearThreshold: 85,
    forSec: 60,
    severity: 'warning',
    enabled: true,
  },
  {
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
  },
  {
    id: 'builtin-vm-stopped',
    builtin: true,
    name: 'Machine crashed or stopped unexpectedly',
    kind: 'vm-stopped-unexpectedly',
    scope: { kind: 'all' },
    condition: 'above',
    forSec: 0,
    severity: 'critical',
    enabled: true,
  },
  {
    id: 'builtin-pool-full',
    builtin: true,
    name: 'Storage pool above 85% full',
    kind: 'pool-full',
    scope: { kind: 'all' },
    condition: 'above',
    threshold: 85,
    clearThreshold: 80,
    forSec: 0,
    severity: 'warning',
    enabled: true,
  },
  {
    id: 'builtin-host-unreachable',
    builtin: true,
    name: 'Host unreachable',
    kind: 'host-unreachable',
    scope: { kind: 'all' },
    condition: 'above',
    forSec: 30,
    severity: 'critical',
    enabled: true,
  },
];

/** The stored rules plus any built-in they lack, built-ins first. */
export function withBuiltins(stored: readonly AlertRule[]): AlertRule[] {
  const missing = BUILTIN_RULES.filter((b) => !stored.some((r) => r.id === b.id));
  return [...missing.map((b) => structuredClone(b)), ...stored];
}
