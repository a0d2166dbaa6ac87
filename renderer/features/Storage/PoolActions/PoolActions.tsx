/** What can be done to a pool: start or stop, refresh, autostart, delete (with a dialog naming what goes). */
import { ActionIcon, Menu, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconPlayerPlay,
  IconPlayerStop,
  IconRefresh,
  IconRepeat,
  IconRepeatOff,
  IconTrash,
  IconFolderOpen,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { Pool } from '../../../../shared/contract/storage';
import { invoke } from '../../../api';
import { go, poolPath } from '../../../app/paths';
import { useStorageMutation } from '../use-storage-mutation';
import { DeletePoolModal } from './DeletePoolModal';

interface Props {
  pool: Pool;
  readOnly: string | null;
  /** Hide "Show volumes" on the pool's own page. */
  onPoolPage?: boolean;
  /** After a delete (the pool page goes back to the list). */
  onDeleted?: () => void;
}

export function PoolActions({ pool, readOnly, onPoolPage, onDeleted }: Props) {
  const [deleting, setDeleting] = useState(false);
  const target = { connectionId: pool.connectionId, pool: pool.name };
  const running = pool.state === 'running';
  const act = useStorageMutation(
    `Pool ${pool.name}`,
    (verb: 'start' | 'stop' | 'refresh' | 'autostart-on' | 'autostart-off') => {
      switch (verb) {
        case 'start':
          return invoke('storage.startPool', target);
        case 'stop':
          return invoke('storage.stopPool', target);
        case 'refresh':
          return invoke('storage.refreshPool', target);
        default:
          return invoke('storage.setPoolAutostart', { ...target, autostart: verb === 'autostart-on' });
      }
    },
    (p, verb) => {
      const said = {
        start: 'started',
        stop: 'stopped',
        refresh: `refreshed: ${p.volumeCount ?? 0} volumes`,
        'autostart-on': 'starts with the host',
        'autostart-off': 'no longer starts with the host',
      }[verb];
      notifications.show({ color: 'teal', message: `Pool ${p.name} ${said}.` });
    },
  );
  const confirmStop = () =>
    modals.openConfirmModal({
      title: <Text fw={600}>Stop pool {pool.name}?</Text>,
      children: (
        <Text size="sm">
          Its {pool.volumeCount ?? 0} volumes stay where they are, but no machine can start from them until the pool is started again.
        </Text>
      ),
      labels: { confirm: 'Stop pool', cancel: 'Cancel' },
      confirmProps: { color: 'orange', 'data-testid': 'confirm-action' },
      onConfirm: () => act.mutate('stop'),
    });
  const disabled = !!readOnly || act.isPending;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Actions for pool ${pool.name}`}
            data-testid={`pool-actions-${pool.name}`}
            loading={act.isPending}
          >
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {!onPoolPage && (
            <Menu.Item leftSection={<IconFolderOpen size={14} />} onClick={() => go(poolPath(pool.connectionId, pool.name))}>
              Show volumes
            </Menu.Item>
          )}
          {running ? (
            <Menu.Item leftSection={<IconPlayerStop size={14} />} disabled={disabled} onClick={confirmStop} data-testid="pool-stop">
              Stop
            </Menu.Item>
          ) : (
            <Menu.Item
              leftSection={<IconPlayerPlay size={14} />}
              disabled={disabled}
              onClick={() => act.mutate('start')}
              data-testid="pool-start"
            >
              Start
            </Menu.Item>
          )}
          <Menu.Item
            leftSection={<IconRefresh size={14} />}
            disabled={disabled || !running}
            onClick={() => act.mutate('refresh')}
            data-testid="pool-refresh"
          >
            Refresh
          </Menu.Item>
          {pool.persistent && (
            <Menu.Item
              leftSection={pool.autostart ? <IconRepeatOff size={14} /> : <IconRepeat size={14} />}
              disabled={disabled}
              onClick={() => act.mutate(pool.autostart ? 'autostart-off' : 'autostart-on')}
              data-testid="pool-autostart"
            >
              {pool.autostart ? 'Do not start with the host' : 'Start with the host'}
            </Menu.Item>
          )}
          <Menu.Divider />
          <Menu.Item
            color="red"
            leftSection={<IconTrash size={14} />}
            disabled={!!readOnly}
            onClick={() => setDeleting(true)}
            data-testid="pool-delete"
          >
            Delete…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {deleting && <DeletePoolModal pool={pool} onClose={() => setDeleting(false)} onDeleted={onDeleted} />}
    </>
  );
}
