/** The selection's actions: start, shut down, force off, snapshot, delete — each confirmed, then a result per machine — and Migrate… (its own dialog). */
import { Alert, Button, Checkbox, Group, List, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../api';
import { openMigrationDialog, subjectOf } from '../../Migration/dialogs';
import { readOnlyReason } from '../read-only';
import type { VmRowData } from '../use-vm-rows';
import { vmKeys } from '../queries';
import { BulkResultDialog } from './BulkResultDialog';
import { bulkResult, runBulk, type BulkKind, type BulkResult } from './run-bulk';

const LABEL: Record<BulkKind, string> = {
  start: 'Start',
  shutdown: 'Shut down',
  destroy: 'Force off',
  snapshot: 'Snapshot',
  delete: 'Delete',
};
const EXPLAIN: Record<BulkKind, string> = {
  start: 'Each machine that is not running is started.',
  shutdown: 'Each guest operating system is asked to power off (ACPI); one that ignores it keeps running.',
  destroy: 'Each machine loses power at once, like pulling the plug: what the guests have not written to disk is lost.',
  snapshot: 'Each machine gets a snapshot of the same name (with the memory state when it runs).',
  delete: 'Each machine’s definition is removed from libvirt. This cannot be undone.',
};

interface Props {
  selected: readonly VmRowData[];
  readOnly: ReadonlySet<string>;
  onClear: () => void;
}

export function BulkBar({ selected, readOnly, onClear }: Props) {
  const client = useQueryClient();
  const [asking, setAsking] = useState<BulkKind | null>(null);
  const [running, setRunning] = useState<BulkKind | null>(null);
  const [results, setResults] = useState<{ kind: BulkKind; list: BulkResult[] } | null>(null);
  const [withStorage, setWithStorage] = useState(false);
  const [force, setForce] = useState(false);
  const [snapName, setSnapName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const writable = selected.filter((r) => !readOnly.has(r.connectionId));
  const skipped: BulkResult[] = selected
    .filter((r) => readOnly.has(r.connectionId))
    .map((r) => bulkResult(r, false, readOnlyReason(r.host)));

  const open = (kind: BulkKind) => {
    setWithStorage(false);
    setForce(false);
    setError(null);
    setSnapName(`bulk-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')}`);
    setAsking(kind);
  };
  const run = async (kind: BulkKind) => {
    setAsking(null);
    setRunning(kind);
    try {
      const list = await runBulk(kind, writable, { withStorage, force, snapshotName: snapName.trim() || undefined });
      setResults({ kind, list: [...list, ...skipped] });
      if (kind === 'delete') onClear();
    } catch (e) {
      setResults({
        kind,
        list: [...writable.map((r) => bulkResult(r, false, errorMessage(e))), ...skipped],
      });
    } finally {
      setRunning(null);
      void client.invalidateQueries({ queryKey: vmKeys.lists });
    }
  };

  const anyRunning = writable.some((r) => r.state !== 'shutoff');
  return (
    <>
      <Paper withBorder radius="sm" px="md" py={6} data-testid="bulk-bar">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm" fw={500} data-testid="bulk-count" data-count={selected.length}>
            {selected.length} selected
          </Text>
          <Group gap="xs" wrap="wrap">
            {(['start', 'shutdown', 'destroy', 'snapshot', 'delete'] as const).map((k) => (
              <Button
                key={k}
                size="xs"
                variant={k === 'destroy' || k === 'delete' ? 'light' : 'default'}
                color={k === 'destroy' || k === 'delete' ? 'red' : undefined}
                disabled={writable.length === 0 || running !== null}
                loading={running === k}
                onClick={() => open(k)}
                data-testid={`bulk-${k}`}
              >
                {LABEL[k]}
              </Button>
            ))}
            <Button
              size="xs"
              variant="default"
              disabled={writable.length === 0 || running !== null}
              onClick={() => openMigrationDialog({ kind: 'bulk', subjects: writable.map(subjectOf) })}
              data-testid="bulk-migrate"
            >
              Migrate…
            </Button>
            <Button size="xs" variant="subtle" onClick={onClear} data-testid="bulk-clear">
              Clear
            </Button>
          </Group>
        </Group>
      </Paper>
      {asking && (
        <Modal
          opened
          onClose={() => setAsking(null)}
          title={<Text fw={600}>{`${LABEL[asking]} ${writable.length} machine${writable.length === 1 ? '' : 's'}?`}</Text>}
        >
          <Stack gap="sm" data-testid="bulk-confirm">
            <Text size="sm">{EXPLAIN[asking]}</Text>
            <List size="sm" spacing={0} style={{ maxHeight: 160, overflow: 'auto' }}>
              {writable.slice(0, 50).map((r) => (
                <List.Item key={r.key}>
                  {r.name}{' '}
                  <Text span size="xs" c="dimmed">
                    on {r.host}
                  </Text>
                </List.Item>
              ))}
              {writable.length > 50 && <List.Item>… and {writable.length - 50} more</List.Item>}
            </List>
            {skipped.length > 0 && (
              <Alert color="gray" variant="light">
                {skipped.length} selected machine{skipped.length === 1 ? ' is' : 's are'} on a read-only connection and will be skipped.
              </Alert>
            )}
            {asking === 'snapshot' && (
              <TextInput
                label="Snapshot name"
                value={snapName}
                onChange={(e) => setSnapName(e.currentTarget.value)}
                data-testid="bulk-snapshot-name"
              />
            )}
            {asking === 'delete' && (
              <>
                <Checkbox
                  label="Also delete their storage (each machine's volumes, as its delete dialog lists them)"
                  checked={withStorage}
                  onChange={(e) => setWithStorage(e.currentTarget.checked)}
                  data-testid="bulk-delete-storage"
                />
                {anyRunning && (
                  <Checkbox
                    color="red"
                    label="Force running machines off first"
                    checked={force}
                    onChange={(e) => setForce(e.currentTarget.checked)}
                    data-testid="bulk-delete-force"
                  />
                )}
              </>
            )}
            {error && <Alert color="red">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)}>
                Cancel
              </Button>
              <Button
                color={asking === 'destroy' || asking === 'delete' ? 'red' : undefined}
                onClick={() => void run(asking)}
                data-testid="bulk-run"
              >
                {LABEL[asking]}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {results && <BulkResultDialog title={`${LABEL[results.kind]}: results`} results={results.list} onClose={() => setResults(null)} />}
    </>
  );
}
