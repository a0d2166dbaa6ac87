/**
 * "New template" and "Publish new version": a host and one of its shut-off
 * machines, a name (fixed when publishing), a version (blank: the next
 * number) and a description. Names are checked as typed by the contract's
 * own patterns, so Create is offered only for what the backend accepts.
 */
import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  TEMPLATE_NAME_PATTERN,
  TEMPLATE_NAME_RULE,
  TEMPLATE_VERSION_PATTERN,
  TEMPLATE_VERSION_RULE,
  type Template,
} from '../../../../shared/contract/templates';
import { errorMessage, invoke } from '../../../api';
import { connectionQueries } from '../../Connections/queries';
import { vmQueries } from '../../Machines/queries';

interface Props {
  /** Publishing a new version of this template (its host is fixed); otherwise a new template. */
  template?: Template;
  /** Opened from a machine's page: that machine, preselected. */
  preset?: { connectionId: string; uuid: string };
  onClose: () => void;
  onDone?: (t: Template) => void;
}

export function TemplateFormModal({ template, preset, onClose, onDone }: Props) {
  const connections = useQuery(connectionQueries.list());
  const hosts = (connections.data ?? []).filter((c) => c.state === 'connected' && !c.readOnly);
  const [host, setHost] = useState<string | null>(template?.connectionId ?? preset?.connectionId ?? null);
  const hostId = host ?? hosts[0]?.id ?? null;
  const machines = useQuery({ ...vmQueries.list(hostId ?? 'all'), enabled: hostId !== null });
  const off = (machines.data ?? []).filter((m) => m.state === 'shutoff').sort((a, b) => a.name.localeCompare(b.name));
  const [uuid, setUuid] = useState<string | null>(preset?.uuid ?? null);
  const [name, setName] = useState(template?.name ?? '');
  const [version, setVersion] = useState('');
  const [description, setDescription] = useState('');

  const nameProblem = name.trim() === '' ? null : TEMPLATE_NAME_PATTERN.test(name.trim()) ? null : TEMPLATE_NAME_RULE;
  const versionProblem = version.trim() === '' ? null : TEMPLATE_VERSION_PATTERN.test(version.trim()) ? null : TEMPLATE_VERSION_RULE;
  const chosen = off.find((m) => m.uuid === uuid);
  const ok = hostId !== null && chosen !== undefined && name.trim() !== '' && !nameProblem && !versionProblem;

  const save = useMutation({
    mutationFn: () => {
      const input = {
        connectionId: hostId!,
        uuid: chosen!.uuid,
        name: name.trim(),
        description: description.trim(),
        ...(version.trim() ? { version: version.trim() } : {}),
      };
      return template ? invoke('templates.publish', input) : invoke('templates.create', input);
    },
    onSuccess: (t) => {
      const v = t.versions.at(-1)!;
      notifications.show({
        color: 'teal',
        title: template ? 'Version published' : 'Template made',
        message: `${t.name} version ${v.version} from ${v.sourceMachine}.`,
      });
      onDone?.(t);
      onClose();
    },
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={<Text fw={600}>{template ? `Publish a new version of ${template.name}` : 'New template'}</Text>}
      size="lg"
    >
      <Stack gap="sm" data-testid="template-form">
        <Text size="sm" c="dimmed">
          The machine's first writable disk is copied into a template volume in its pool, and its definition kept without UUID and MAC
          addresses. Only a shut-off machine can be used.
        </Text>
        <Select
          label="Host"
          data={hosts.map((c) => ({ value: c.id, label: c.name }))}
          value={hostId}
          onChange={(v) => {
            setHost(v);
            setUuid(null);
          }}
          disabled={template !== undefined}
          data-testid="template-form-host"
        />
        <Select
          label="Shut-off machine"
          placeholder={machines.isPending ? 'Loading…' : off.length ? 'Pick a machine' : 'No shut-off machine on this host'}
          data={off.map((m) => ({ value: m.uuid, label: m.name }))}
          value={chosen ? chosen.uuid : null}
          onChange={setUuid}
          searchable
          data-testid="template-form-machine"
        />
        <Group grow align="flex-start">
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameProblem}
            disabled={template !== undefined}
            data-testid="template-form-name"
          />
          <TextInput
            label="Version"
            placeholder="next number"
            value={version}
            onChange={(e) => setVersion(e.currentTarget.value)}
            error={versionProblem}
            data-testid="template-form-version"
          />
        </Group>
        <Textarea
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          maxLength={1000}
          autosize
          minRows={2}
          data-testid="template-form-description"
        />
        {save.isError && (
          <Alert color="red" title="Not made" data-testid="template-form-error">
            {errorMessage(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} disabled={!ok} loading={save.isPending} data-testid="template-form-submit">
            {template ? 'Publish' : 'Make template'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
