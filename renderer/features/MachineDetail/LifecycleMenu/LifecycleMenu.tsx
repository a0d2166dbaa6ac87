/** The machine's other lifecycle actions: managed save (a job), clone, migrate to another host, delete. Hidden on a read-only connection. */
import { Button, Menu, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange, IconChevronDown, IconCopy, IconDeviceFloppy, IconTemplate, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, invoke } from '../../../api';
import { go } from '../../../app/paths';
import { applyJobs } from '../../Jobs/cache-sync';
import { openMigrationDialog, subjectOf } from '../../Migration/dialogs';
import { TemplateFormModal } from '../../Templates/TemplateFormModal/TemplateFormModal';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { CloneDialog } from './CloneDialog';
import { DeleteDialog } from './DeleteDialog';

export function LifecycleMenu({ row }: { row: VmRowData }) {
  const client = useQueryClient();
  const [dialog, setDialog] = useState<'clone' | 'delete' | 'template' | null>(null);
  const running = row.state === 'running' || row.state === 'paused' || row.state === 'blocked';
  const save = useMutation({
    mutationFn: () => invoke('vms.managedSave', { connectionId: row.connectionId, uuid: row.uuid }),
    onSuccess: (job) => applyJobs(client, [job]),
    onError: (e) => notifications.show({ color: 'red', title: `Save failed for ${row.name}`, message: errorMessage(e), autoClose: 12_000 }),
  });
  const confirmSave = () =>
    modals.openConfirmModal({
      title: <Text fw={600}>Save {row.name} and stop it?</Text>,
      children: (
        <Text size="sm">
          libvirt writes the memory of {row.name} to disk on {row.host} and stops it; the next start resumes it where it was. Its network
          connections drop meanwhile.
        </Text>
      ),
      labels: { confirm: 'Save and stop', cancel: 'Cancel' },
      confirmProps: { color: 'orange', 'data-testid': 'confirm-action' },
      onConfirm: () => save.mutate(),
    });
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            size="xs"
            variant="default"
            rightSection={<IconChevronDown size={14} />}
            loading={save.isPending}
            data-testid="machine-more"
          >
            More
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconDeviceFloppy size={14} />}
            disabled={!running}
            onClick={confirmSave}
            data-testid="machine-action-managedsave"
          >
            Save state and stop
          </Menu.Item>
          <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => setDialog('clone')} data-testid="machine-action-clone">
            Clone…
          </Menu.Item>
          <Menu.Item
            leftSection={<IconArrowsExchange size={14} />}
            onClick={() => openMigrationDialog({ kind: 'migrate', subject: subjectOf(row) })}
            data-testid="machine-action-migrate"
          >
            Migrate…
          </Menu.Item>
          <Menu.Item
            leftSection={<IconTemplate size={14} />}
            disabled={row.state !== 'shutoff'}
            onClick={() => setDialog('template')}
            data-testid="machine-action-template"
          >
            Make template…
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={() => setDialog('delete')}
            data-testid="machine-action-delete"
          >
            Delete…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {dialog === 'template' && (
        <TemplateFormModal preset={{ connectionId: row.connectionId, uuid: row.uuid }} onClose={() => setDialog(null)} />
      )}
      {dialog === 'clone' && (
        <CloneDialog connectionId={row.connectionId} uuid={row.uuid} name={row.name} running={running} onClose={() => setDialog(null)} />
      )}
      {dialog === 'delete' && (
        <DeleteDialog
          connectionId={row.connectionId}
          uuid={row.uuid}
          name={row.name}
          host={row.host}
          onClose={() => setDialog(null)}
          onDeleted={(out) => {
            setDialog(null);
            notifications.show({
              color: out.failedVolumes.length ? 'orange' : 'teal',
              title: `${out.name} deleted`,
              message: [
                out.deletedVolumes.length ? `Deleted ${out.deletedVolumes.join(', ')}.` : 'Its storage is kept.',
                ...out.failedVolumes.map((f) => `Could not delete ${f.path}: ${f.message}`),
              ].join(' '),
              autoClose: out.failedVolumes.length ? false : 8000,
            });
            go('#/machines');
          }}
        />
      )}
    </>
  );
}
