/**
 * Connecting, as a conversation: the first attempt may come back asking the
 * user to trust a host key, warning that a key changed, or wanting a
 * passphrase. This hook owns those prompts and renders them.
 */
import { notifications } from '@mantine/notifications';
import { useCallback, useState, type ReactNode } from 'react';
import type { Connection, HostKey } from '../../../../shared/types';
import { errorMessage, isApiError } from '../../../api';
import { useConnectCall, useTrustHostKey } from '../mutations';
import { AuthModal } from './AuthModal';
import { HostKeyChangedModal } from './HostKeyChangedModal';
import { HostKeyModal } from './HostKeyModal';

type Prompt =
  | { kind: 'host-key'; connection: Connection; hostKey: HostKey }
  | { kind: 'host-key-changed'; connection: Connection; message: string }
  | { kind: 'auth'; connection: Connection; message: string; retry: boolean };

type Secret = { secret: string; rememberSecret: boolean };

export function useConnectFlow(): { connect: (c: Connection) => void; pending: ReadonlySet<string>; element: ReactNode } {
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const connectCall = useConnectCall();
  const trust = useTrustHostKey();

  const mark = (id: string, on: boolean) =>
    setPending((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const attempt = useCallback(
    async (c: Connection, secret?: Secret) => {
      mark(c.id, true);
      try {
        await connectCall.mutateAsync({ id: c.id, ...secret });
        setPrompt(null);
      } catch (e) {
        setPrompt(null);
        if (isApiError(e, 'host-key-unknown') && e.hostKey) {
          setPrompt({ kind: 'host-key', connection: c, hostKey: e.hostKey });
        } else if (isApiError(e, 'host-key-changed')) {
          setPrompt({ kind: 'host-key-changed', connection: c, message: e.message });
        } else if (isApiError(e, 'auth-failed')) {
          setPrompt({ kind: 'auth', connection: c, message: e.message, retry: secret !== undefined });
        } else {
          notifications.show({
            color: 'red',
            title: `Could not connect to ${c.name}`,
            message: errorMessage(e),
            autoClose: 10_000,
          });
        }
      } finally {
        mark(c.id, false);
      }
    },
    [connectCall],
  );

  const trustAndConnect = async (c: Connection, hostKey: HostKey) => {
    try {
      await trust.mutateAsync({ id: c.id, fingerprint: hostKey.fingerprint });
    } catch (e) {
      setPrompt(null);
      notifications.show({ color: 'red', title: `Could not trust the host key of ${c.name}`, message: errorMessage(e) });
      return;
    }
    await attempt(c);
  };

  const cancelHostKey = (c: Connection, hostKey: HostKey) => {
    setPrompt(null);
    notifications.show({
      color: 'yellow',
      title: `Not connected to ${c.name}`,
      message: `You did not trust the host key of ${hostKey.host}:${hostKey.port}, so NovaCron did not connect. Nothing was recorded.`,
      autoClose: 10_000,
    });
  };

  const element = (
    <>
      <HostKeyModal
        prompt={prompt?.kind === 'host-key' ? prompt : null}
        busy={trust.isPending || (prompt !== null && pending.has(prompt.connection.id))}
        onTrust={(p) => void trustAndConnect(p.connection, p.hostKey)}
        onCancel={(p) => cancelHostKey(p.connection, p.hostKey)}
      />
      <HostKeyChangedModal prompt={prompt?.kind === 'host-key-changed' ? prompt : null} onClose={() => setPrompt(null)} />
      <AuthModal
        prompt={prompt?.kind === 'auth' ? prompt : null}
        busy={prompt !== null && pending.has(prompt.connection.id)}
        onSubmit={(p, secret) => void attempt(p.connection, secret)}
        onCancel={() => setPrompt(null)}
      />
    </>
  );

  return { connect: (c) => void attempt(c), pending, element };
}

export type HostKeyPrompt = Extract<Prompt, { kind: 'host-key' }>;
export type HostKeyChangedPrompt = Extract<Prompt, { kind: 'host-key-changed' }>;
export type AuthPrompt = Extract<Prompt, { kind: 'auth' }>;
