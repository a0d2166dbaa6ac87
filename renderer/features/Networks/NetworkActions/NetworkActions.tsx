/**
 * Start, stop, autostart and delete for one network: a menu in the table and
 * on the network's page. Delete asks first; when the backend refuses it
 * because running machines use the network, a dialog names them (each a link).
 */
import { ActionIcon, Anchor, Button, List, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDots, IconPlayerPlay, IconPlayerStop, IconRepeat, IconRepeatOff, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { Network } from '../../../../shared/contract/networks';
import { errorMessage, invoke, isApiError } from '../../../api';
import { go, machinePath } from '../../../app/paths';
import { useReadOnly } from '../../Machines/read-only';

type Verb = 'start' | 'stop' | 'autostart-on' | 'autostart-off' | 'delete';

const DONE: Record<Verb, string> = {
  start: 'started',
  stop: 'stopped',
  'autostart-on': 'set to start with the host',
  'autostart-off': 'no longer starts with the host',
  delete: 'deleted',
};

const TITLE: Record<Verb, string> = {
  start: 'Network started',
  stop: 'Network stopped',
  'autostart-on': 'Autostart on',
  'autostart-off': 'Autostart off',
  delete: 'Network deleted',
};

function run(n: Network, verb: Verb): Promise<unknown> {
  const target = { connectionId: n.connectionId, name: n.name };
  switch (verb) {
    case 'start':
      return invoke('networks.start', target);
    case 'stop':
      return invoke('networks.stop', target);
    case 'autostart-on':
    case 'autostart-off':
      return invoke('networks.setAutostart', { ...target, autostart: verb === 'autostart-on' });
    case 'delete':
      return invoke('networks.delete', target);
  }
}

/** The refusal, with the running machines from the network's own page data (their names link to them). */
async function showInUse(n: Network, message: string): Promise<void> {
  const detail = await invoke('networks.get', { connectionId: n.connectionId, name: n.name }).catch(() => null);
  const running = (detail?.attached ?? []).filter((m) => m.state !== 'shutoff');
  const id = modals.open({
    title: <Text fw={600}>{n.name} is in use</Text>,
    children: (
      <Stack gap="sm" data-testid="network-in-use">
        <Text size="sm">{message}</Text>
        {running.length > 0 && (
          <List size="sm" data-testid="network-in-use-machines">
            {running.map((m) => (
              <List.Item key={m.uuid}>
                <Anchor
                  href={machinePath(n.connectionId, m.uuid)}
                  onClick={(e) => {
                    e.preventDefault();
                    modals.close(id);
                    go(machinePath(n.connectionId, m.uuid));
                  }}
                  data-testid="network-in-use-machine"
                >
                  {m.name}
                </Anchor>{' '}
                <Text span size="xs" c="dimmed">
                  {m.state}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        <Button variant="default" onClick={() => modals.close(id)} style={{ alignSelf: 'flex-end' }} data-testid="network-in-use-close">
          Close
        </Button>
      </Stack>
    ),
  });
}

export function useNetworkAction(n: Network, onDeleted?: () => void) {
  return useMutation({
    mutationFn: (verb: Verb) => run(n, verb),
    onSuccess: (_out, verb) => {
      notifications.show({ color: 'teal', title: TITLE[verb], message: `Network ${n.name} ${DONE[verb]}.` });
      if (verb === 'delete') onDeleted?.();
    },
    onError: (e, verb) => {
      if (verb === 'delete' && isApiError(e, 'conflict')) return void showInUse(n, errorMessage(e));
      notifications.show({
        color: 'red',
        title: `Could not ${verb.startsWith('autostart') ? 'change autostart of' : verb} ${n.name}`,
        message: errorMessage(e),
      });
    },
  });
}

/** Stopping takes the bridge down under every machine on it: asked first, like a delete. */
export function confirmStop(n: Network, onConfirm: () => void): void {
  modals.openConfirmModal({
    title: <Text fw={600}>Stop the network {n.name}?</Text>,
    children: (
      <Text size="sm">
        Its bridge goes down{n.ips.some((ip) => ip.dhcpRanges.length > 0) ? ' and its DHCP server stops' : ''}: running machines with a NIC
        on it lose that connection until it is started again.
      </Text>
    ),
    labels: { confirm: 'Stop', cancel: 'Cancel' },
    confirmProps: { color: 'orange', 'data-testid': 'confirm-action' },
    onConfirm,
  });
}

export function confirmDelete(n: Network, onConfirm: () => void): void {
  modals.openConfirmModal({
    title: <Text fw={600}>Delete the network {n.name}?</Text>,
    children: (
      <Text size="sm">
        {n.active ? 'It is stopped and its definition removed' : 'Its definition is removed'}: machines with a NIC on it can no longer start
        until they are moved to another network.
      </Text>
    ),
    labels: { confirm: 'Delete', cancel: 'Cancel' },
    confirmProps: { color: 'red', 'data-testid': 'confirm-action' },
    onConfirm,
  });
}

interface ActionsProps {
  network: Network;
  onDeleted?: () => void;
  /** A labelled button (the network's page) instead of the table's dots. */
  asButton?: boolean;
}

export function NetworkActions({ network: n, onDeleted, asButton }: ActionsProps) {
  const readOnly = useReadOnly(n.connectionId);
  const act = useNetworkAction(n, onDeleted);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Tooltip label={readOnly ?? `Actions for ${n.name}`} multiline w={readOnly ? 260 : undefined}>
          {asButton ? (
            <Button
              variant="default"
              rightSection={<IconChevronDown size={14} />}
              loading={act.isPending}
              disabled={!!readOnly}
              data-testid={`network-actions-${n.name}`}
            >
              Actions
            </Button>
          ) : (
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Actions for ${n.name}`}
              loading={act.isPending}
              disabled={!!readOnly}
              data-testid={`network-actions-${n.name}`}
            >
              <IconDots size={16} />
            </ActionIcon>
          )}
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        {n.active ? (
          <Menu.Item
            leftSection={<IconPlayerStop size={14} />}
            onClick={() => confirmStop(n, () => act.mutate('stop'))}
            data-testid="network-stop"
          >
            Stop…
          </Menu.Item>
        ) : (
          <Menu.Item leftSection={<IconPlayerPlay size={14} />} onClick={() => act.mutate('start')} data-testid="network-start">
            Start
          </Menu.Item>
        )}
        {n.persistent &&
          (n.autostart ? (
            <Menu.Item
              leftSection={<IconRepeatOff size={14} />}
              onClick={() => act.mutate('autostart-off')}
              data-testid="network-autostart-off"
            >
              Don't start with the host
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconRepeat size={14} />} onClick={() => act.mutate('autostart-on')} data-testid="network-autostart-on">
              Start with the host
            </Menu.Item>
          ))}
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={() => confirmDelete(n, () => act.mutate('delete'))}
          data-testid="network-delete"
        >
          Delete…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
