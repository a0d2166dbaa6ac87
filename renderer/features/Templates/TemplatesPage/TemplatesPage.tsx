/**
 * The template library: one row per template (expandable to its versions),
 * each version with its volume, source machine and the machines made from
 * it; "New template", and per template "Publish new version", "Create
 * machine" and delete (per version or all), refused while machines use it.
 */
import { ActionIcon, Alert, Anchor, Badge, Button, Group, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconCopyPlus, IconPlus, IconTrash, IconUpload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import type { Template, TemplateVersion } from '../../../../shared/contract/templates';
import { errorMessage } from '../../../api';
import { go, machinePath } from '../../../app/paths';
import classes from '../../../components/DataTable/DataTable.module.css';
import { PageHeader } from '../../../components/PageHeader/PageHeader';
import { connectionQueries } from '../../Connections/queries';
import { InstantiateModal } from '../InstantiateModal/InstantiateModal';
import { TemplateFormModal } from '../TemplateFormModal/TemplateFormModal';
import { confirmDeleteTemplate } from '../VersionActions/delete-version';
import { templateQueries } from '../queries';

type Dialog = { kind: 'new' } | { kind: 'publish'; t: Template } | { kind: 'instantiate'; t: Template; version?: string } | null;

function Users({ v }: { v: TemplateVersion }) {
  if (v.users.length === 0)
    return (
      <Text size="sm" c="dimmed">
        none
      </Text>
    );
  return (
    <Group gap={6} data-testid="template-version-users">
      {v.users.map((u) => (
        <Anchor
          key={`${u.connectionId}/${u.uuid}`}
          size="sm"
          href={machinePath(u.connectionId, u.uuid)}
          onClick={(e) => {
            e.preventDefault();
            go(machinePath(u.connectionId, u.uuid));
          }}
          data-testid="template-version-user"
        >
          {u.name}
        </Anchor>
      ))}
    </Group>
  );
}

function VersionRow({ t, v, open }: { t: Template; v: TemplateVersion; open: (d: Dialog) => void }) {
  return (
    <Table.Tr data-testid={`template-version-${t.name}-${v.version}`}>
      <Table.Td pl={40} style={{ whiteSpace: 'nowrap' }}>
        <Badge variant="light" size="sm" style={{ textTransform: 'none', minWidth: 'max-content' }}>
          v{v.version}
        </Badge>
      </Table.Td>
      <Table.Td fz="sm">{v.description || '—'}</Table.Td>
      <Table.Td ff="monospace" fz="xs">
        {v.pool}/{v.volume}
      </Table.Td>
      <Table.Td fz="sm">{v.sourceMachine}</Table.Td>
      <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
        {new Date(v.createdAt).toLocaleString()}
      </Table.Td>
      <Table.Td>
        <Users v={v} />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Tooltip label="Create a machine from this version">
            <ActionIcon
              variant="subtle"
              aria-label={`Create a machine from ${t.name}@${v.version}`}
              onClick={() => open({ kind: 'instantiate', t, version: v.version })}
              data-testid="template-version-instantiate"
            >
              <IconCopyPlus size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Delete this version">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Delete ${t.name}@${v.version}`}
              onClick={() => confirmDeleteTemplate(t.name, v.version)}
              data-testid="template-version-delete"
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function TemplateRows({ t, host, open }: { t: Template; host: string; open: (d: Dialog) => void }) {
  const [expanded, setExpanded] = useState(true);
  const used = t.versions.reduce((n, v) => n + v.users.length, 0);
  return (
    <Fragment>
      <Table.Tr data-testid={`template-row-${t.name}`} bg="var(--mantine-color-default-hover)">
        <Table.Td colSpan={5}>
          <Group gap="xs" wrap="nowrap">
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={expanded ? 'Hide versions' : 'Show versions'}
              onClick={() => setExpanded((x) => !x)}
              data-testid="template-expand"
            >
              {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
            </ActionIcon>
            <Text fw={600} size="sm">
              {t.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t.versions.length} version{t.versions.length === 1 ? '' : 's'} on {host} · {used} machine{used === 1 ? '' : 's'}
            </Text>
          </Group>
        </Table.Td>
        <Table.Td colSpan={2}>
          <Group gap={6} justify="flex-end" wrap="nowrap">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconCopyPlus size={14} />}
              onClick={() => open({ kind: 'instantiate', t })}
              data-testid="template-instantiate"
            >
              Create machine
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconUpload size={14} />}
              onClick={() => open({ kind: 'publish', t })}
              data-testid="template-publish"
            >
              Publish new version
            </Button>
            <Tooltip label="Delete the template (every version)">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Delete ${t.name}`}
                onClick={() => confirmDeleteTemplate(t.name, undefined)}
                data-testid="template-delete"
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Table.Td>
      </Table.Tr>
      {expanded && [...t.versions].reverse().map((v) => <VersionRow key={v.version} t={t} v={v} open={open} />)}
    </Fragment>
  );
}

export function TemplatesPage() {
  const connections = useQuery(connectionQueries.list());
  const list = useQuery(templateQueries.list());
  const [dialog, setDialog] = useState<Dialog>(null);
  const nameOf = (id: string, uri: string) => connections.data?.find((c) => c.id === id)?.name ?? uri;
  const writable = (connections.data ?? []).filter((c) => c.state === 'connected' && !c.readOnly);
  const templates = [...(list.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <Stack gap="md" flex={1} mih={0} data-testid="templates-page">
      <PageHeader
        title="Templates"
        description={
          <span data-testid="template-count" data-total={templates.length}>
            Versioned machine images: make one from a shut-off machine, then create machines from it as linked clones or full copies.
          </span>
        }
      >
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setDialog({ kind: 'new' })}
          disabled={writable.length === 0}
          title={writable.length === 0 ? 'Connect a host (not read-only) first' : undefined}
          data-testid="template-new"
        >
          New template
        </Button>
      </PageHeader>
      {list.isError && (
        <Alert color="red" title="Could not list the templates">
          {errorMessage(list.error)}
        </Alert>
      )}
      {list.isPending ? (
        <Skeleton h={200} />
      ) : templates.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="templates-empty">
          No templates yet. "New template" makes one from a shut-off machine.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing={6} data-testid="template-table">
            <Table.Thead className={classes.head}>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>Template volume</Table.Th>
                <Table.Th>Made from</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Used by</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.map((t) => (
                <TemplateRows key={t.name} t={t} host={nameOf(t.connectionId, t.hostUri)} open={setDialog} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog?.kind === 'new' && <TemplateFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'publish' && <TemplateFormModal template={dialog.t} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'instantiate' && (
        <InstantiateModal template={dialog.t} {...(dialog.version ? { version: dialog.version } : {})} onClose={() => setDialog(null)} />
      )}
    </Stack>
  );
}
