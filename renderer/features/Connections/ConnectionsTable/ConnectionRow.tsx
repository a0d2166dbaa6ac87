import { ActionIcon, Anchor, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlayerPlay, IconPlayerStop, IconTrash } from '@tabler/icons-react';
import type { Connection } from '../../../../shared/types';
import { hostPath } from '../../../app/paths';
import { MaintenanceBadge } from '../../Migration/Maintenance/Maintenance';
import { ConnectionStateBadge } from '../ConnectionStateBadge/ConnectionStateBadge';

export interface RowActions {
  onConnect: (c: Connection) => void;
  onDisconnect: (c: Connection) => void;
  onEdit: (c: Connection) => void;
  onRemove: (c: Connection) => void;
}

const LINKED = new Set(['connected', 'connecting', 'reconnecting', 'lost']);

export function ConnectionRow({ c, busy, actions }: { c: Connection; busy: boolean; actions: RowActions }) {
  const linked = LINKED.has(c.state);
  return (
    <Table.Tr data-testid={`connection-row-${c.name}`} data-state={c.state}>
      <Table.Td>
        <Anchor href={hostPath(c.id)} size="sm" fw={600} c="inherit" truncate display="block" data-testid={`connection-open-${c.name}`}>
          {c.name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Tooltip label={c.uri} openDelay={600}>
          <Text fz={13} ff="monospace" truncate>
            {c.uri}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="wrap">
          <ConnectionStateBadge state={c.state} testId={`connection-state-${c.name}`} />
          <MaintenanceBadge connection={c} testId={`connection-maintenance-${c.name}`} />
        </Group>
      </Table.Td>
      <Table.Td>
        {c.hostname || c.libvirtVersion ? (
          <Stack gap={0}>
            <Text size="sm" truncate>
              {c.hostname ?? '—'}
            </Text>
            {c.libvirtVersion && (
              <Text size="xs" c="dimmed">
                libvirt {c.libvirtVersion}
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {c.lastError ? (
          <Tooltip label={c.lastError.message} multiline maw={420}>
            <Text size="xs" c="red" lineClamp={2} data-testid={`connection-error-${c.name}`}>
              {c.lastError.message}
            </Text>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" justify="flex-end">
          {linked ? (
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconPlayerStop size={14} />}
              loading={busy}
              onClick={() => actions.onDisconnect(c)}
              data-testid={`connection-disconnect-${c.name}`}
            >
              Disconnect
            </Button>
          ) : (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconPlayerPlay size={14} />}
              loading={busy}
              onClick={() => actions.onConnect(c)}
              data-testid={`connection-connect-${c.name}`}
            >
              Connect
            </Button>
          )}
          <Tooltip label="Edit">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Edit ${c.name}`}
              onClick={() => actions.onEdit(c)}
              data-testid={`connection-edit-${c.name}`}
            >
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Remove">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${c.name}`}
              onClick={() => actions.onRemove(c)}
              data-testid={`connection-remove-${c.name}`}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
