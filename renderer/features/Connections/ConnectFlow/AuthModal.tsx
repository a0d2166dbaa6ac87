import { Alert, Button, Checkbox, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { appQueries } from '../../../api';
import { useLastPresent } from '../../../hooks/use-last-present';
import type { AuthPrompt } from './use-connect-flow';

interface Props {
  prompt: AuthPrompt | null;
  busy: boolean;
  onSubmit: (p: AuthPrompt, secret: { secret: string; rememberSecret: boolean }) => void;
  onCancel: () => void;
}

/** The host or the key file wants a secret: ask for it, once or to remember. */
export function AuthModal({ prompt, busy, onSubmit, onCancel }: Props) {
  const shown = useLastPresent(prompt);
  const info = useQuery(appQueries.info());
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(false);
  const canRemember = info.data?.secretStorage === true;

  useEffect(() => {
    if (prompt === null) setSecret('');
  }, [prompt]);

  if (!shown) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (prompt && secret.length > 0) onSubmit(prompt, { secret, rememberSecret: canRemember && remember });
  };
  const usesKey = shown.connection.keyFile !== undefined;
  return (
    <Modal opened={prompt !== null} onClose={onCancel} title={<Text fw={600}>Authentication needed</Text>} data-testid="auth-modal">
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm">
            {usesKey
              ? `The key file of ${shown.connection.name} is protected by a passphrase, or the host refused the key and wants a password.`
              : `The host of ${shown.connection.name} refused the credentials NovaCron has and asks for a password.`}
          </Text>
          {shown.retry && (
            <Alert color="red" variant="light" title="That did not work">
              {shown.message}
            </Alert>
          )}
          <PasswordInput
            label={usesKey ? 'Passphrase or password' : 'Password'}
            value={secret}
            onChange={(e) => setSecret(e.currentTarget.value)}
            data-autofocus
            data-testid="auth-secret"
            autoComplete="off"
          />
          {canRemember && (
            <Checkbox
              label="Remember it (encrypted with the system keychain)"
              checked={remember}
              onChange={(e) => setRemember(e.currentTarget.checked)}
              data-testid="auth-remember"
            />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel} disabled={busy}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={busy}
              disabled={secret.length === 0}
              leftSection={<IconKey size={16} />}
              data-testid="auth-submit"
            >
              Connect
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
