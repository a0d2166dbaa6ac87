/** The Alerts feature's query keys and queryOptions. */
import { queryOptions } from '@tanstack/react-query';
import type { Alert } from '../../../shared/contract/alerts';
import { invoke } from '../../api/client';

export const alertKeys = {
  all: ['alerts'] as const,
  /** The newest alerts (active and history): the centre, the dashboard and the nav badge share it. */
  list: ['alerts', 'list'] as const,
  rules: ['alerts', 'rules'] as const,
  webhook: ['alerts', 'webhook'] as const,
};

export const ALERT_LIST_LIMIT = 1000;

export const alertQueries = {
  list: () =>
    queryOptions({
      queryKey: alertKeys.list,
      queryFn: () => invoke('alerts.list', { limit: ALERT_LIST_LIMIT }),
      staleTime: Infinity,
    }),
  rules: () => queryOptions({ queryKey: alertKeys.rules, queryFn: () => invoke('alerts.rules', {}) }),
  webhook: () => queryOptions({ queryKey: alertKeys.webhook, queryFn: () => invoke('alerts.webhook', {}), refetchInterval: 5_000 }),
};

export const isActive = (a: Alert) => a.state === 'pending' || a.state === 'firing';
