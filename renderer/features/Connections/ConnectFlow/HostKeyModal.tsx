import { Button, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconShieldQuestion } from '@tabler/icons-react';
import { useLastPresent } from '../../../hooks/use-last-present';
import type { HostKeyPrompt } from './use-connect-flow';

interface Props {
  prompt: HostKeyPrompt | null;
  busy: boolean;
  onTrust: (p: HostKeyPrompt) => void;
  onCancel: (p: HostKeyPrompt) => void;
}

/** First contact with an SSH host: show its key and let the user decide. */
export function HostKeyModal({ prompt, busy, onTrust, onCancel }: Props) {
  const shown = useLastPresent(prompt);
  if (!shown) return null;
  const { hostKey, connection } = shown;
  const cancel = () => {
    if (prompt && !busy) onCancel(prompt);
  };
  return (
    <Modal
      opened={prompt !== null}
      onClose={cancel}
      size="lg"
      title={
        <Group gap="xs">
          <IconShieldQuestion size={20} stroke={1.6} />
          <Text fw={600}>Unknown host key</Text>
        </Group>
      }
      data-testid="hostkey-modal"
    >
      <Stack gap="md">
        <Text size="sm">
          NovaCron has not connected to{' '}
          <b>
            {hostKey.host}:{hostKey.port}
          </b>{' '}
          (connection <b>{connection.name}</b>) before, so it cannot tell whether this is really the machine you mean or someone in between.
          Compare the fingerprint below with the one the host itself reports, for example with{' '}
          <Code>ssh-keygen -lf /etc/ssh/ssh_host_{hostKey.keyType.replace(/^ssh-/, '')}_key.pub</Code> on the host. Trust it only if they
          match.
        </Text>
        <Table withTableBorder variant="vertical" layout="fixed">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={120}>Host</Table.Th>
              <Table.Td ff="monospace" fz={13}>
                {hostKey.host}:{hostKey.port}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Key type</Table.Th>
              <Table.Td ff="monospace" fz={13}>
                {hostKey.keyType}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Fingerprint</Table.Th>
              <Table.Td ff="monospace" fz={13} data-testid="hostkey-fingerprint" style={{ wordBreak: 'break-all' }}>
                {hostKey.fingerprint}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          Trusting records this key in NovaCron&apos;s own known_hosts file; later connections check against it. Cancelling records nothing.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={cancel} disabled={busy} data-testid="hostkey-cancel">
            Cancel
          </Button>
          <Button onClick={() => prompt && onTrust(prompt)} loading={busy} data-testid="hostkey-trust">
            Trust and connect
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
