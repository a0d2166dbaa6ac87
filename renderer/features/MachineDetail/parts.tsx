/** Small pieces the machine page's cards share: a labelled fact, a card frame, a mutation with its error shown. */
import { Alert, Button, Group, Paper, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactElement, ReactNode } from 'react';
import { errorMessage } from '../../api';
import { refreshMachine } from './queries';

export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

export function CardFrame({
  title,
  actions,
  testId,
  children,
}: {
  title: string;
  actions?: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="sm" p="md" data-testid={testId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} fz="md">
            {title}
          </Title>
          {actions && (
            <Group gap="xs" wrap="wrap">
              {actions}
            </Group>
          )}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * A card listing one kind of a machine's devices: an add button (guarded on a read-only connection), the
 * loading, error and empty states, then a table of them (children: its rows) with a last column for actions.
 */
export function DeviceCard({
  title,
  testId,
  readOnly,
  add,
  details,
  skeletonHeight,
  count,
  emptyText,
  table,
  modal,
  children,
}: {
  title: string;
  testId: string;
  readOnly: string | null;
  add: { label: string; testId: string; onClick: () => void };
  details: { isPending: boolean; isError: boolean; error: unknown; data?: unknown };
  skeletonHeight: number;
  /** How many there are, once the details are loaded. */
  count: number | undefined;
  emptyText: string;
  table: { minWidth: number; testId: string; head: ReactNode };
  /** The add form, while it is open. */
  modal: ReactNode;
  children: ReactNode;
}) {
  return (
    <CardFrame
      title={title}
      testId={testId}
      actions={
        <Guarded reason={readOnly}>
          <Button size="xs" variant="default" disabled={!!readOnly || !details.data} onClick={add.onClick} data-testid={add.testId}>
            {add.label}
          </Button>
        </Guarded>
      }
    >
      {details.isPending && <Skeleton h={skeletonHeight} />}
      {details.isError && <Alert color="red">{errorMessage(details.error)}</Alert>}
      {count === 0 && (
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      )}
      {count !== undefined && count > 0 && (
        <Table.ScrollContainer minWidth={table.minWidth}>
          <Table verticalSpacing={6} data-testid={table.testId}>
            <Table.Thead>
              <Table.Tr>
                {table.head}
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{children}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {modal}
    </CardFrame>
  );
}

/** The foot of an add-a-device form: the backend's error if the add failed, Cancel, and the save button. */
export function AddFormFooter({
  mutation,
  onClose,
  ready,
  onSave,
  saveLabel,
  saveTestId,
}: {
  mutation: { isError: boolean; error: unknown; isPending: boolean };
  onClose: () => void;
  ready: boolean;
  onSave: () => void;
  saveLabel: string;
  saveTestId: string;
}) {
  return (
    <>
      {mutation.isError && (
        <Alert color="red" variant="light" title="Not added">
          {errorMessage(mutation.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button disabled={!ready} loading={mutation.isPending} onClick={onSave} data-testid={saveTestId}>
          {saveLabel}
        </Button>
      </Group>
    </>
  );
}

/** A control that is disabled (with the reason as its tooltip) on a read-only connection. */
export function Guarded({ reason, children }: { reason: string | null; children: ReactElement }) {
  if (!reason) return children;
  return (
    <Tooltip label={reason} multiline w={280}>
      <span style={{ display: 'inline-block' }}>{children}</span>
    </Tooltip>
  );
}

/** A change to one machine: on success its details are re-read; on failure the backend's words are shown. */
export function useMachineMutation<I, O>(
  target: { connectionId: string; uuid: string },
  what: string,
  fn: (input: I) => Promise<O>,
  onSuccess?: (out: O, input: I) => void,
  /** false: the view shows the error itself (no notification). */
  notify = true,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (out, input) => {
      refreshMachine(client, target.connectionId, target.uuid);
      onSuccess?.(out, input);
    },
    onError: (e) => notify && notifications.show({ color: 'red', title: `${what} failed`, message: errorMessage(e), autoClose: 12_000 }),
  });
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
