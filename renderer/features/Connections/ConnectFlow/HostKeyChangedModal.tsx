import { Alert, Button, Code, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconShieldX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { appQueries } from '../../../api';
import { useLastPresent } from '../../../hooks/use-last-present';
import type { HostKeyChangedPrompt } from './use-connect-flow';

/** The host presented a different key than the trusted one: refused, and why. */
export function HostKeyChangedModal({ prompt, onClose }: { prompt: HostKeyChangedPrompt | null; onClose: () => void }) {
  const shown = useLastPresent(prompt);
  const info = useQuery(appQueries.info());
  if (!shown) return null;
  const knownHosts = info.data ? `${info.data.dataDir}/known_hosts` : "NovaCron's known_hosts file (in its data directory)";
  return (
    <Modal opened={prompt !== null} onClose={onClose} size="lg" title={<Text fw={600}>Connection refused</Text>}>
      <Stack gap="md">
        <Alert color="red" variant="light" icon={<IconShieldX size={20} />} title="The host key has changed" data-testid="hostkey-changed">
          <Stack gap="xs">
            <Text size="sm">
              The host behind <b>{shown.connection.name}</b> presented a different SSH key than the one NovaCron trusted before, so NovaCron
              refused to connect. This can mean someone is intercepting the connection (a man-in-the-middle attack). It can also mean the
              host was reinstalled or its SSH keys were regenerated.
            </Text>
            <Text size="sm" c="dimmed">
              {shown.message}
            </Text>
          </Stack>
        </Alert>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            If you know why the key changed
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>Confirm the new fingerprint on the host itself (not over this network path).</List.Item>
            <List.Item>
              Remove the old line for this host from <Code>{knownHosts}</Code>.
            </List.Item>
            <List.Item>Connect again: NovaCron will show the new key and ask you to trust it.</List.Item>
          </List>
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
