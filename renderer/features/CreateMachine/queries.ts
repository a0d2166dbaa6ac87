/** The create wizard's one read: what the chosen host offers (vms.createChoices). */
import { queryOptions } from '@tanstack/react-query';
import { invoke } from '../../api/client';

export const createKeys = {
  all: ['vm-create'] as const,
  choices: (connectionId: string) => ['vm-create', 'choices', connectionId] as const,
};

export const createQueries = {
  choices: (connectionId: string) =>
    queryOptions({
      queryKey: createKeys.choices(connectionId),
      queryFn: () => invoke('vms.createChoices', { connectionId }),
      // Volumes and names change under the wizard (other consoles, the CLI): re-read when it opens again.
      staleTime: 0,
    }),
};
