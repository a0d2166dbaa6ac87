/** Virtual networks of every connected host (networks.list) and one network with its leases (networks.get). */
import { queryOptions } from '@tanstack/react-query';
import { invoke } from '../../api/client';

export const networkKeys = {
  all: ['networks'] as const,
  list: ['networks', 'list'] as const,
  detail: (connectionId: string, name: string) => ['networks', 'detail', connectionId, name] as const,
};

export const networkQueries = {
  list: () => queryOptions({ queryKey: networkKeys.list, queryFn: () => invoke('networks.list', {}) }),
  /** Leases come and go without an event (a guest's DHCP client renews on its own): re-read every few seconds while shown. */
  detail: (connectionId: string, name: string) =>
    queryOptions({
      queryKey: networkKeys.detail(connectionId, name),
      queryFn: () => invoke('networks.get', { connectionId, name }),
      refetchInterval: 5000,
    }),
};
