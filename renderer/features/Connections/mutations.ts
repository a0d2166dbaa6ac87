/** Writes on connections; each answer goes straight into the cache. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/api';
import { invoke } from '../../api';
import { removeConnectionFromCache, upsertConnectionInCache } from './cache-sync';

export function useSaveConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; input: MethodInput<'connections.add'> }) =>
      v.id
        ? // An emptied key file field clears the stored path (null), rather than keeping it.
          invoke('connections.update', { ...v.input, id: v.id, keyFile: v.input.keyFile ?? null })
        : invoke('connections.add', v.input),
    onSuccess: (c) => upsertConnectionInCache(client, c),
  });
}

export function useRemoveConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => invoke('connections.remove', { id }).then(() => id),
    onSuccess: (id) => removeConnectionFromCache(client, id),
  });
}

export function useDisconnect() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['connections', 'disconnect'],
    mutationFn: (id: string) => invoke('connections.disconnect', { id }),
    onSuccess: (c) => upsertConnectionInCache(client, c),
  });
}

export function useConnectCall() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ['connections', 'connect'],
    mutationFn: (v: MethodInput<'connections.connect'>) => invoke('connections.connect', v),
    onSuccess: (c) => upsertConnectionInCache(client, c),
  });
}

export function useTrustHostKey() {
  return useMutation({
    mutationFn: (v: MethodInput<'connections.trustHostKey'>) => invoke('connections.trustHostKey', v),
  });
}
