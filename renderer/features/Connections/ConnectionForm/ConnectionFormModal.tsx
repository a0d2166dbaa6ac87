import { monoInput } from '../../../components/styles/mono';
import { Alert, Button, Checkbox, Code, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import type { Connection } from '../../../../shared/types';
import { errorMessage, isApiError } from '../../../api';
import { useSaveConnection } from '../mutations';
import { UriFieldsInputs } from './UriFieldsInputs';
import { useConnectionForm } from './use-connection-form';

interface Props {
  /** The connection to edit; none to add one. */
  connection?: Connection;
  onClose: () => void;
  onSaved?: (c: Connection) => void;
}

/** Add or edit a connection, by URI or by its pieces. Mount it only while open (fresh state each time). */
export function ConnectionFormModal({ connection, onClose, onSaved }: Props) {
  const form = useConnectionForm(connection);
  const save = useSaveConnection();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = form.validate();
    if (!input) return;
    save.mutate(
      { id: connection?.id, input },
      {
        onSuccess: (c) => {
          onSaved?.(c);
          onClose();
        },
        onError: (err) => {
          if (isApiError(err, 'invalid-input') && err.issues) form.showIssues(err.issues, err.message);
          else form.setErrors({ form: errorMessage(err) });
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={<Text fw={600}>{connection ? `Edit ${connection.name}` : 'Add connection'}</Text>}>
      <form onSubmit={submit} noValidate data-testid="connection-form">
        <Stack gap="md">
          <TextInput
            label="Name"
            description="How this host is shown in NovaCron"
            placeholder="e.g. kvm01"
            value={form.name}
            onChange={(e) => form.setName(e.currentTarget.value)}
            error={form.errors.name}
            data-autofocus
            data-testid="connection-name"
          />
          <SegmentedControl
            value={form.mode}
            onChange={(v) => form.setMode(v === 'fields' ? 'fields' : 'uri')}
            data={[
              { value: 'uri', label: 'By URI' },
              { value: 'fields', label: 'By fields' },
            ]}
            data-testid="connection-mode"
          />
          {form.mode === 'uri' ? (
            <TextInput
              label="libvirt URI"
              description="For example qemu+ssh://root@kvm01:22/system, qemu:///system or test+unix:///path/to/host.xml"
              placeholder="qemu+ssh://root@host/system"
              value={form.uri}
              onChange={(e) => form.setUri(e.currentTarget.value)}
              error={form.errors.uri}
              styles={monoInput}
              data-testid="connection-uri"
              spellCheck={false}
            />
          ) : (
            <Stack gap="xs">
              <UriFieldsInputs value={form.fields} onChange={form.setFields} />
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" c="dimmed">
                  URI
                </Text>
                <Code data-testid="connection-uri-preview" style={{ wordBreak: 'break-all' }}>
                  {form.effectiveUri}
                </Code>
              </Group>
              {form.errors.uri && (
                <Text size="xs" c="red">
                  {form.errors.uri}
                </Text>
              )}
            </Stack>
          )}
          <TextInput
            label="SSH private key file"
            description="For +ssh URIs: a path on the machine running NovaCron. Empty to use the SSH agent or a password."
            placeholder="/root/.ssh/id_ed25519"
            value={form.keyFile}
            onChange={(e) => form.setKeyFile(e.currentTarget.value)}
            error={form.errors.keyFile}
            styles={monoInput}
            data-testid="connection-keyfile"
            spellCheck={false}
          />
          <Checkbox
            label="Connect automatically when NovaCron starts"
            checked={form.autoConnect}
            onChange={(e) => form.setAutoConnect(e.currentTarget.checked)}
            data-testid="connection-autoconnect"
          />
          <Checkbox
            label="Read-only"
            description="Opens the connection read-only in libvirt: NovaCron shows its machines but changes nothing through it. Takes effect at the next connect."
            checked={form.readOnly}
            onChange={(e) => form.setReadOnly(e.currentTarget.checked)}
            data-testid="connection-readonly"
          />
          {form.errors.form && (
            <Alert color="red" variant="light" title="Not saved">
              {form.errors.form}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="connection-save">
              {connection ? 'Save' : 'Add connection'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
