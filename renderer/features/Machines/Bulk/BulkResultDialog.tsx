/** One line per machine after a bulk action: done, or the backend's reason it was not. */
import { Badge, Button, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { BulkResult } from './run-bulk';

export function BulkResultList({ results }: { results: readonly BulkResult[] }) {
  const failed = results.filter((r) => !r.ok).length;
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="bulk-summary">
        {results.length - failed} of {results.length} done{failed ? `, ${failed} failed` : ''}.
      </Text>
      <ScrollArea.Autosize mah={360}>
        <Table verticalSpacing={4} data-testid="bulk-results">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Machine</Table.Th>
              <Table.Th>Host</Table.Th>
              <Table.Th>Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.map((r) => (
              <Table.Tr key={r.key} data-testid={`bulk-result-${r.name}`} data-ok={r.ok}>
                <Table.Td fw={500}>{r.name}</Table.Td>
                <Table.Td c="dimmed">{r.host}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Badge size="sm" variant="light" color={r.ok ? 'teal' : 'red'} style={{ textTransform: 'none', flexShrink: 0 }}>
                      {r.ok ? 'done' : 'failed'}
                    </Badge>
                    <Text size="sm" c={r.ok ? undefined : 'red'}>
                      {r.message}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}

export function BulkResultDialog({ title, results, onClose }: { title: string; results: readonly BulkResult[]; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={600}>{title}</Text>}>
      <Stack gap="md" data-testid="bulk-result-dialog">
        <BulkResultList results={results} />
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="bulk-result-close">
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
