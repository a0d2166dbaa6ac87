/**
 * A volume row's Download: the backend streams the volume (libvirt's download stream, sparse on
 * the host link) over a channel, this page gathers it and saves it as a file named after the
 * volume. Progress, MB/s and Cancel show in a small dialog meanwhile.
 */
import { ActionIcon, Alert, Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../api';
import { formatBytes } from '../format';
import { saveBlob, startDownload, type DownloadHandle } from './download-volume';
import type { Progress } from './rate';
import { TransferProgress } from './TransferProgress';

interface Props {
  connectionId: string;
  pool: string;
  volume?: string;
}

type Phase = { t: 'starting' } | { t: 'running'; progress: Progress } | { t: 'failed'; message: string };

function DownloadModal({ connectionId, pool, volume, onClose }: Required<Props> & { onClose: () => void }) {
  const [phase, setPhase] = useState<Phase>({ t: 'starting' });
  const [cancelling, setCancelling] = useState(false);
  const handle = useRef<DownloadHandle | null>(null);

  useEffect(() => {
    let gone = false;
    void (async () => {
      try {
        const h = await startDownload({ connectionId, pool, name: volume }, (progress) => !gone && setPhase({ t: 'running', progress }));
        handle.current = h;
        if (gone) return h.abandon();
        const blob = await h.done;
        if (gone) return;
        saveBlob(blob, volume);
        notifications.show({ color: 'teal', title: 'Download complete', message: `${volume} (${formatBytes(blob.size)}) was saved.` });
        onClose();
      } catch (e) {
        if (!gone) setPhase({ t: 'failed', message: errorMessage(e) });
      } finally {
        handle.current = null;
      }
    })();
    return () => {
      gone = true;
      handle.current?.abandon();
    };
    // Once per dialog: the dialog is the download.
  }, []);

  const cancel = async () => {
    setCancelling(true);
    await handle.current?.cancel();
  };

  const running = phase.t !== 'failed';
  return (
    <Modal
      opened
      onClose={running ? () => undefined : onClose}
      withCloseButton={!running}
      closeOnClickOutside={!running}
      closeOnEscape={!running}
      title={<Text fw={600}>Download {volume}</Text>}
    >
      <Stack gap="sm" data-testid="volume-download-modal">
        {phase.t === 'starting' && (
          <Text size="sm" c="dimmed">
            Opening the volume…
          </Text>
        )}
        {phase.t === 'running' && (
          <TransferProgress
            verb="Downloaded"
            progress={phase.progress}
            onCancel={cancel}
            cancelling={cancelling}
            testId="volume-download-progress"
          />
        )}
        {phase.t === 'failed' && (
          <>
            <Alert color="red" variant="light" title="The download did not complete" data-testid="volume-download-failed">
              {phase.message}
            </Alert>
            <Group justify="flex-end">
              <Button onClick={onClose}>Close</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

export function DownloadVolumeButton({ connectionId, pool, volume }: Props) {
  const [open, setOpen] = useState(false);
  if (!volume) return null;
  return (
    <>
      <Tooltip label={`Download ${volume} to this computer`}>
        <ActionIcon
          variant="subtle"
          size="sm"
          aria-label={`Download ${volume}`}
          onClick={() => setOpen(true)}
          data-testid={`volume-download-${volume}`}
        >
          <IconDownload size={16} />
        </ActionIcon>
      </Tooltip>
      {open && <DownloadModal connectionId={connectionId} pool={pool} volume={volume} onClose={() => setOpen(false)} />}
    </>
  );
}
