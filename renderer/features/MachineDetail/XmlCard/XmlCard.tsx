/**
 * The domain XML, read-only by default. "Edit (expert)" opens an editor over
 * the inactive definition; a review shows the diff before defining, and
 * libvirt's own words when it refuses.
 */
import { Alert, Button, Group, SegmentedControl, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, invoke } from '../../../api';
import { useReadOnly } from '../../Machines/read-only';
import type { VmRowData } from '../../Machines/use-vm-rows';
import { CardFrame, Guarded, useMachineMutation } from '../parts';
import { detailQueries } from '../queries';
import classes from './XmlCard.module.css';
import { XmlDiff } from './XmlDiff';

type Step = 'view' | 'edit' | 'review';

export function XmlCard({ row }: { row: VmRowData }) {
  const target = { connectionId: row.connectionId, uuid: row.uuid };
  const readOnly = useReadOnly(row.connectionId);
  const [inactive, setInactive] = useState(false);
  const [step, setStep] = useState<Step>('view');
  const [draft, setDraft] = useState('');
  const shown = useQuery(detailQueries.xml(row.connectionId, row.uuid, inactive));
  const base = useQuery({ ...detailQueries.xml(row.connectionId, row.uuid, true), enabled: step !== 'view' });
  const define = useMachineMutation(
    target,
    'Defining the XML',
    (xml: string) => invoke('vms.defineXml', { ...target, xml }),
    () => {
      notifications.show({ color: 'teal', title: `${row.name} redefined`, message: 'libvirt accepted the new definition.' });
      setStep('view');
    },
    false,
  );

  const startEdit = () => {
    define.reset();
    setStep('edit');
    void base.refetch().then((r) => r.data && setDraft(r.data.xml));
  };

  return (
    <CardFrame
      title="XML"
      testId="machine-xml"
      actions={
        step === 'view' ? (
          <>
            <SegmentedControl
              size="xs"
              value={inactive ? 'inactive' : 'live'}
              onChange={(v) => setInactive(v === 'inactive')}
              data={[
                { value: 'live', label: 'Current' },
                { value: 'inactive', label: 'Next boot' },
              ]}
              data-testid="xml-which"
            />
            <Guarded reason={readOnly}>
              <Button size="xs" variant="default" color="orange" disabled={!!readOnly} onClick={startEdit} data-testid="xml-edit">
                Edit (expert)
              </Button>
            </Guarded>
          </>
        ) : undefined
      }
    >
      {step === 'view' && (
        <>
          {shown.isPending && <Skeleton h={160} />}
          {shown.isError && <Alert color="red">{errorMessage(shown.error)}</Alert>}
          {shown.data && (
            <pre className={classes.code} data-testid="xml-view" tabIndex={0} aria-label={`Domain XML of ${row.name}`}>
              {shown.data.xml}
            </pre>
          )}
        </>
      )}
      {step === 'edit' && (
        <Stack gap="sm">
          <Alert color="orange" variant="light" title="Expert edit">
            You are editing the definition libvirt uses from the next boot. The name and UUID must stay the same; libvirt checks the rest.
          </Alert>
          {/* The actions come first: a long document would push them below the fold, under the notifications. */}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('view')} data-testid="xml-cancel">
              Cancel
            </Button>
            <Button disabled={!base.data} onClick={() => setStep('review')} data-testid="xml-review">
              Review changes
            </Button>
          </Group>
          {base.isPending || !base.data ? (
            <Skeleton h={200} />
          ) : (
            <Textarea
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              autosize
              minRows={12}
              maxRows={28}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12, whiteSpace: 'pre', overflowX: 'auto' } }}
              aria-label="Domain XML"
              data-testid="xml-editor"
            />
          )}
        </Stack>
      )}
      {step === 'review' && base.data && (
        <Stack gap="sm">
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('edit')} data-testid="xml-back">
              Back to editing
            </Button>
            <Button
              color="orange"
              disabled={draft === base.data.xml}
              loading={define.isPending}
              onClick={() => define.mutate(draft)}
              data-testid="xml-define"
            >
              Define
            </Button>
          </Group>
          <Text size="sm">Changes against the current inactive definition:</Text>
          <XmlDiff before={base.data.xml} after={draft} />
          {define.isError && (
            <Alert color="red" variant="light" title="libvirt refused the definition" data-testid="xml-error">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {errorMessage(define.error)}
              </Text>
            </Alert>
          )}
        </Stack>
      )}
    </CardFrame>
  );
}
