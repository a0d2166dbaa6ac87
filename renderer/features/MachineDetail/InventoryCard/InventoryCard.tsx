/** NovaCron's tags and note for this machine (kept in its domain metadata, so other workstations see them). */
import { Alert, Button, Group, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MAX_NOTE_LENGTH } from '../../../../shared/contract/inventory';
import { errorMessage, invoke } from '../../../api';
import { upsertEntries } from '../../Inventory/cache-sync';
import { inventoryQueries } from '../../Inventory/queries';
import { TagEditor } from '../../Inventory/TagEditor/TagEditor';
import { useReadOnly } from '../../Machines/read-only';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { CardFrame } from '../parts';

export function InventoryCard({ row }: { row: VmRowData }) {
  const client = useQueryClient();
  const target = { connectionId: row.connectionId, uuid: row.uuid };
  const readOnly = useReadOnly(row.connectionId);
  const inventory = useQuery(inventoryQueries.list());
  const entry = inventory.data?.find((e) => e.connectionId === row.connectionId && e.uuid === row.uuid);
  const tags = entry?.tags ?? [];
  const [note, setNote] = useState<string | null>(null);
  const onError = (e: unknown) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(e), autoClose: 12_000 });
  const setTags = useMutation({
    mutationFn: (next: string[]) => invoke('inventory.setTags', { ...target, tags: next }),
    onSuccess: (e) => upsertEntries(client, [e]),
    onError,
  });
  const saveNote = useMutation({
    mutationFn: (text: string) => invoke('inventory.setNote', { ...target, note: text }),
    onSuccess: (e) => {
      upsertEntries(client, [e]);
      setNote(null);
    },
    onError,
  });
  const shownTags = setTags.isPending && setTags.variables ? setTags.variables : tags;
  const noteValue = note ?? entry?.note ?? '';
  return (
    <CardFrame title="Tags and note" testId="machine-inventory">
      {inventory.isError && <Alert color="red">{errorMessage(inventory.error)}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap={6}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Tags
          </Text>
          <TagEditor tags={shownTags} onChange={(t) => setTags.mutate(t)} disabled={!!readOnly} busy={setTags.isPending} />
        </Stack>
        <Stack gap={6}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Note
          </Text>
          {readOnly ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={entry?.note ? undefined : 'dimmed'}>
              {entry?.note || 'No note.'}
            </Text>
          ) : (
            <>
              <Textarea
                rows={3}
                maxLength={MAX_NOTE_LENGTH}
                placeholder="Who owns it, what it is for…"
                value={noteValue}
                onChange={(e) => setNote(e.currentTarget.value)}
                aria-label="Note"
                data-testid="note-input"
              />
              {note !== null && note !== (entry?.note ?? '') && (
                <Group gap="xs" justify="flex-end">
                  <Button size="xs" variant="default" onClick={() => setNote(null)}>
                    Discard
                  </Button>
                  <Button size="xs" loading={saveNote.isPending} onClick={() => saveNote.mutate(note)} data-testid="note-save">
                    Save note
                  </Button>
                </Group>
              )}
            </>
          )}
        </Stack>
      </SimpleGrid>
    </CardFrame>
  );
}
