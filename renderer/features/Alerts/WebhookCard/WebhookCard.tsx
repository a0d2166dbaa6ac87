/** The optional webhook: on/off, its URL, and how deliveries are going (queued, dropped, last error). */
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { WebhookSettings } from '../../../../shared/contract/alerts';
import { errorMessage } from '../../../api';
import { ago, when } from '../alert-text';
import { useSetWebhook } from '../mutations';
import { alertQueries } from '../queries';

export function WebhookCard() {
  const status = useQuery(alertQueries.webhook());
  const save = useSetWebhook();
  const [url, setUrl] = useState('');
  const [enabled, setEnabled] = useState(false);
  const [error, setError] = useState<string>();
  const loaded = status.data !== undefined;
  useEffect(() => {
    if (!status.data) return;
    setUrl(status.data.url);
    setEnabled(status.data.enabled);
    // Only the first answer fills the form; later polls must not overwrite typing.
  }, [loaded]);

  const submit = () => {
    const parsed = WebhookSettings.safeParse({ enabled, url: url.trim() });
    if (!parsed.success) return setError('An http:// or https:// URL, at most 2,048 characters');
    if (enabled && !parsed.data.url) return setError('A URL is needed to turn the webhook on');
    setError(undefined);
    save.mutate(parsed.data);
  };

  const s = status.data;
  return (
    <Paper withBorder radius="sm" p="md" maw={760} data-testid="webhook-card">
      <Stack gap="sm">
        <Title order={3} fz="md">
          Webhook
        </Title>
        <Text size="sm" c="dimmed">
          Each alert that fires or resolves is POSTed as JSON to this URL; failed deliveries are retried with backoff.
        </Text>
        {status.isPending && <Skeleton h={80} />}
        {status.isError && (
          <Text c="red" size="sm">
            {errorMessage(status.error)}
          </Text>
        )}
        {s && (
          <>
            <Switch
              label="Send alerts to the webhook"
              checked={enabled}
              onChange={(e) => setEnabled(e.currentTarget.checked)}
              data-testid="webhook-enabled"
            />
            <Group align="flex-start" wrap="nowrap">
              <TextInput
                flex={1}
                label="URL"
                placeholder="https://hooks.example.org/novacron"
                value={url}
                onChange={(e) => setUrl(e.currentTarget.value)}
                error={error}
                data-testid="webhook-url"
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
              />
              <Button mt={25} onClick={submit} loading={save.isPending} data-testid="webhook-save">
                Save
              </Button>
            </Group>
            {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="webhook-status">
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  Status
                </Text>
                <Badge
                  variant="light"
                  color={s.enabled ? (s.lastError && s.queued > 0 ? 'orange' : 'teal') : 'gray'}
                  style={{ textTransform: 'none' }}
                >
                  {s.enabled ? (s.lastError && s.queued > 0 ? 'retrying' : 'on') : 'off'}
                </Badge>
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  Queued
                </Text>
                <Text size="sm" fw={600} data-testid="webhook-queued">
                  {s.queued}
                </Text>
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  Dropped
                </Text>
                <Text size="sm" fw={600} c={s.dropped > 0 ? 'red' : undefined}>
                  {s.dropped}
                </Text>
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  Last delivered
                </Text>
                <Text size="sm">{s.lastDeliveredAt ? ago(s.lastDeliveredAt) : 'never'}</Text>
              </Stack>
            </SimpleGrid>
            {s.lastError && (
              <Alert color="orange" title={`Last error${s.lastErrorAt ? `, ${when(s.lastErrorAt)}` : ''}`} data-testid="webhook-error">
                {s.lastError}
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
