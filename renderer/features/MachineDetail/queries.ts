/** Query keys and options of the machine page's cards (details, XML, device choices, snapshots, delete plan). */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { invoke } from '../../api/client';

export const detailKeys = {
  all: ['vm-detail'] as const,
  details: (connectionId: string, uuid: string) => ['vm-detail', 'details', connectionId, uuid] as const,
  xml: (connectionId: string, uuid: string, inactive: boolean) => ['vm-detail', 'xml', connectionId, uuid, inactive] as const,
  xmlOf: (connectionId: string, uuid: string) => ['vm-detail', 'xml', connectionId, uuid] as const,
  choices: (connectionId: string) => ['vm-detail', 'choices', connectionId] as const,
  snapshots: (connectionId: string, uuid: string) => ['vm-detail', 'snapshots', connectionId, uuid] as const,
  deletePlan: (connectionId: string, uuid: string) => ['vm-detail', 'delete-plan', connectionId, uuid] as const,
};

export const detailQueries = {
  details: (connectionId: string, uuid: string) =>
    queryOptions({ queryKey: detailKeys.details(connectionId, uuid), queryFn: () => invoke('vms.details', { connectionId, uuid }) }),
  xml: (connectionId: string, uuid: string, inactive: boolean) =>
    queryOptions({
      queryKey: detailKeys.xml(connectionId, uuid, inactive),
      queryFn: () => invoke('vms.xml', { connectionId, uuid, inactive }),
    }),
  choices: (connectionId: string) =>
    queryOptions({
      queryKey: detailKeys.choices(connectionId),
      queryFn: () => invoke('vms.deviceChoices', { connectionId }),
      staleTime: 10_000,
    }),
  snapshots: (connectionId: string, uuid: string) =>
    queryOptions({ queryKey: detailKeys.snapshots(connectionId, uuid), queryFn: () => invoke('snapshots.list', { connectionId, uuid }) }),
  deletePlan: (connectionId: string, uuid: string) =>
    queryOptions({
      queryKey: detailKeys.deletePlan(connectionId, uuid),
      queryFn: () => invoke('vms.deletePlan', { connectionId, uuid }),
      staleTime: 0,
      gcTime: 0,
    }),
};

/** After a change to a machine: its details and XML are re-read (the VM row follows from its event). */
export function refreshMachine(client: QueryClient, connectionId: string, uuid: string): void {
  void client.invalidateQueries({ queryKey: detailKeys.details(connectionId, uuid) });
  void client.invalidateQueries({ queryKey: detailKeys.xmlOf(connectionId, uuid) });
}
