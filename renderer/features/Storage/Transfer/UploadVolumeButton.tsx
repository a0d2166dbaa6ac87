/**
 * The pool toolbar's Upload: pick a local file (an ISO, a cloud image), name the volume, see
 * the checks (name, empty file, free space, an existing volume to overwrite: confirmed
 * explicitly), then the upload with progress, MB/s and Cancel. The file's bytes go from this
 * page to the backend over a channel; the backend writes them with libvirt's upload stream.
 */
import { Alert, Button, Checkbox, FileInput, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUpload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { volumeNameProblem } from '../../../../shared/contract/volume-transfer';
import { errorMessage, invoke } from '../../../api';
import { formatBytes } from '../format';
import { storageKeys } from '../queries';
import { volumeNameFromFile } from './name-from-file';
import type { Progress } from './rate';
import { TransferProgress } from './TransferProgress';
import { startUpload, type UploadHandle } from './upload-file';

interface Props {
  connectionId: string;
  pool: string;
  volume?: string;
}

type Phase = { t: 'form' } | { t: 'running'; progress: Progress } | { t: 'done'; bytes: number } | { t: 'failed'; message: string };

function UploadModal({ connectionId, pool, volume, onClose }: Props & { onClose: () => void }) {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState(volume ?? '');
  const [overwrite, setOverwrite] = useState(false);
  const [phase, setPhase] = useState<Phase>({ t: 'form' });
  const [cancelling, setCancelling] = useState(false);
  const handle = useRef<UploadHandle | null>(null);
  const [checkName] = useDebouncedValue(name, 250);
  const nameProblem = name ? volumeNameProblem(name) : 'a volume name is required';
  const check = useQuery({
    queryKey: ['volumeTransfer', 'check', connectionId, pool, checkName, file?.size ?? -1],
    queryFn: () => invoke('volumeTransfer.checkUpload', { connectionId, pool, name: checkName, size: file!.size }),
    enabled: file !== null && checkName === name && !nameProblem,
  });
  // Leaving the page mid-upload drops the channel: the backend cancels and cleans up.
  useEffect(() => () => handle.current?.abandon(), []);

  const running = phase.t === 'running';
  const problem = file && file.size === 0 ? 'The file is empty (0 bytes): there is nothing to upload.' : (check.data?.problem ?? null);
  const exists = check.data?.exists === true;
  const ready = file !== null && !nameProblem && check.data !== undefined && checkName === name && !problem && (!exists || overwrite);

  const pick = (f: File | null) => {
    setFile(f);
    if (f && (!name || name === volumeNameFromFile(file?.name ?? ''))) setName(volume ?? volumeNameFromFile(f.name));
  };

  const start = async () => {
    if (!file) return;
    setPhase({ t: 'running', progress: { done: 0, total: file.size, rate: 0 } });
    try {
      const h = await startUpload(file, { connectionId, pool, name, overwrite: exists && overwrite }, (progress) =>
        setPhase({ t: 'running', progress }),
      );
      handle.current = h;
      await h.done;
      setPhase({ t: 'done', bytes: file.size });
    } catch (e) {
      setPhase({ t: 'failed', message: errorMessage(e) });
    } finally {
      handle.current = null;
      setCancelling(false);
      void client.invalidateQueries({ queryKey: storageKeys.volumes(connectionId, pool) });
      void client.invalidateQueries({ queryKey: storageKeys.pools });
    }
  };

  const cancel = async () => {
    setCancelling(true);
    await handle.current?.cancel();
  };

  return (
    <Modal
      opened
      onClose={running ? () => undefined : onClose}
      withCloseButton={!running}
      closeOnClickOutside={!running}
      closeOnEscape={!running}
      title={<Text fw={600}>Upload a file into {pool}</Text>}
      size="lg"
    >
      <Stack gap="sm" data-testid="volume-upload-modal">
        <FileInput
          label="File"
          description="An ISO or a disk image from this computer. It becomes a raw volume of the file's size."
          placeholder="Choose a file"
          value={file}
          onChange={pick}
          disabled={phase.t !== 'form'}
          clearable
          data-testid="volume-upload-file"
        />
        <TextInput
          label="Volume name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          disabled={phase.t !== 'form' || volume !== undefined}
          error={name && nameProblem ? nameProblem : undefined}
          data-testid="volume-upload-name"
        />
        {file && phase.t === 'form' && (
          <Text size="sm" c="dimmed" data-testid="volume-upload-summary">
            {formatBytes(file.size)} to upload
            {check.data ? ` · ${formatBytes(check.data.available)} free in ${pool}` : ''}
          </Text>
        )}
        {phase.t === 'form' && problem && (
          <Alert color="red" variant="light" data-testid="volume-upload-problem">
            {problem}
          </Alert>
        )}
        {phase.t === 'form' && check.isError && (
          <Alert color="red" variant="light" data-testid="volume-upload-problem">
            {errorMessage(check.error)}
          </Alert>
        )}
        {phase.t === 'form' && exists && !problem && (
          <Checkbox
            color="red"
            checked={overwrite}
            onChange={(e) => setOverwrite(e.currentTarget.checked)}
            label={`Overwrite the existing volume "${name}": its current content is lost, and a failed upload leaves it partial.`}
            data-testid="volume-upload-overwrite"
          />
        )}
        {phase.t === 'running' && (
          <TransferProgress
            verb="Uploaded"
            progress={phase.progress}
            onCancel={cancel}
            cancelling={cancelling}
            testId="volume-upload-progress"
          />
        )}
        {phase.t === 'done' && (
          <Alert color="teal" variant="light" data-testid="volume-upload-done">
            Uploaded {formatBytes(phase.bytes)} into {pool}/{name}.
          </Alert>
        )}
        {phase.t === 'failed' && (
          <Alert color="red" variant="light" title="The upload did not complete" data-testid="volume-upload-failed">
            {phase.message}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          {phase.t === 'form' && (
            <>
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
              <Button
                leftSection={<IconUpload size={16} />}
                disabled={!ready}
                loading={check.isFetching}
                onClick={() => void start()}
                color={exists ? 'red' : undefined}
                data-testid="volume-upload-start"
              >
                {exists ? 'Overwrite and upload' : 'Upload'}
              </Button>
            </>
          )}
          {(phase.t === 'done' || phase.t === 'failed') && (
            <Button onClick={onClose} data-testid="volume-upload-close">
              Close
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

export function UploadVolumeButton(props: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconUpload size={14} />}
        onClick={() => setOpen(true)}
        data-testid={props.volume ? `volume-upload-open-${props.volume}` : 'volume-upload-open'}
      >
        Upload
      </Button>
      {open && <UploadModal {...props} onClose={() => setOpen(false)} />}
    </>
  );
}
