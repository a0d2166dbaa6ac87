/**
 * The create-machine wizard: one step per concern (name and host, resources,
 * disk, network, review), each checked before the next; then the creation
 * runs as a job whose phases show here, and the new machine's page opens
 * when it succeeds. A failure (or a refusal from the host: name taken, no
 * room) shows here, and the form stays as it was to fix and try again.
 */
import { Alert, Button, Group, Modal, Progress, Stack, Stepper, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage, invoke } from '../../api';
import { connectionQueries } from '../Connections/queries';
import { applyJobs, openResultWhenDone } from '../Jobs/cache-sync';
import { jobQueries } from '../Jobs/queries';
import { defaultsFor, EMPTY_FORM, problemsOf, stepHasProblem, toRequest, type CreateForm } from './create-form';
import { DiskStep } from './DiskStep';
import { NameStep } from './NameStep';
import { NetworkStep } from './NetworkStep';
import { createQueries } from './queries';
import { ResourcesStep } from './ResourcesStep';
import { ReviewStep } from './ReviewStep';

const STEPS = ['Name & host', 'Resources', 'Disk', 'Network', 'Review'];

function JobProgress({ jobId, onRetry }: { jobId: string; onRetry: () => void }) {
  const jobs = useQuery(jobQueries.list());
  const job = jobs.data?.find((j) => j.id === jobId);
  if (!job) return <Text size="sm">Starting…</Text>;
  return (
    <Stack gap="sm" data-testid="create-progress" data-state={job.state}>
      <Text size="sm" fw={500}>
        {job.title}
      </Text>
      <Progress value={(job.progress ?? 0) * 100} animated={job.state === 'running'} color={job.state === 'failed' ? 'red' : undefined} />
      <Text size="sm" c="dimmed" data-testid="create-phase">
        {job.state === 'running' ? `${job.phase}…` : job.phase}
      </Text>
      {job.state === 'failed' && (
        <Alert color="red" variant="light" title="Not created: nothing was left behind" data-testid="create-error">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{job.error?.message ?? 'The creation failed.'}</Text>
            <Button size="xs" variant="default" onClick={onRetry}>
              Back to the form
            </Button>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

export function CreateMachineWizard({ initialHost, onClose }: { initialHost: string | null; onClose: () => void }) {
  const client = useQueryClient();
  const [form, setForm] = useState<CreateForm>({ ...EMPTY_FORM, connectionId: initialHost });
  const [step, setStep] = useState(0);
  const [tried, setTried] = useState<ReadonlySet<number>>(() => new Set());
  const [jobId, setJobId] = useState<string | null>(null);
  const connections = useQuery(connectionQueries.list());
  const choices = useQuery({ ...createQueries.choices(form.connectionId ?? ''), enabled: form.connectionId !== null });
  const problems = useMemo(() => problemsOf(form, choices.data), [form, choices.data]);
  // With no host given, the first connected writable one.
  const firstHost = connections.data?.find((c) => c.state === 'connected' && !c.readOnly)?.id ?? null;
  useEffect(() => {
    if (form.connectionId === null && firstHost) setForm((f) => (f.connectionId === null ? { ...f, connectionId: firstHost } : f));
  }, [firstHost, form.connectionId]);
  const set = (patch: Partial<CreateForm>) => setForm((f) => ({ ...f, ...patch }));

  // The host's own defaults, once its choices arrive (and again when the host changes).
  const [defaultedFor, setDefaultedFor] = useState<string | null>(null);
  useEffect(() => {
    if (choices.data && form.connectionId && defaultedFor !== form.connectionId) {
      setForm((f) => defaultsFor(f, choices.data));
      setDefaultedFor(form.connectionId);
    }
  }, [choices.data, form.connectionId, defaultedFor]);

  const jobs = useQuery({ ...jobQueries.list(), enabled: jobId !== null });
  const job = jobs.data?.find((j) => j.id === jobId);
  useEffect(() => {
    if (job?.state === 'succeeded') onClose(); // the machine's page opens (openResultWhenDone)
  }, [job?.state, onClose]);

  const create = useMutation({
    mutationFn: () => invoke('vms.create', toRequest(form)),
    onSuccess: (j) => {
      openResultWhenDone(j.id);
      applyJobs(client, [j]);
      setJobId(j.id);
    },
  });

  const next = () => {
    setTried((t) => new Set(t).add(step));
    if (!stepHasProblem(step, problems)) setStep((s) => Math.min(s + 1, STEPS.length - 1));
  };
  const firstBad = [0, 1, 2, 3].find((s) => stepHasProblem(s, problems));
  const props = { form, set, problems, choices: choices.data };
  const hostName = connections.data?.find((c) => c.id === form.connectionId)?.name ?? '';

  return (
    <Modal opened onClose={onClose} size="xl" title={<Text fw={600}>New machine</Text>} closeOnClickOutside={false}>
      {jobId ? (
        <JobProgress
          jobId={jobId}
          onRetry={() => {
            setJobId(null);
            create.reset();
          }}
        />
      ) : (
        <Stack gap="lg" data-testid="create-wizard">
          <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm" allowNextStepsSelect={false}>
            {STEPS.map((label, i) => (
              <Stepper.Step key={label} label={label} color={tried.has(i) && stepHasProblem(i, problems) ? 'red' : undefined} />
            ))}
          </Stepper>
          {form.connectionId && choices.isError && (
            <Alert color="red" variant="light" title="Could not read what the host offers">
              {errorMessage(choices.error)}
            </Alert>
          )}
          <Stack mih={300}>
            {step === 0 && (
              <NameStep
                {...props}
                showProblems={tried.has(0)}
                onHost={(id) => {
                  set({ connectionId: id });
                  setDefaultedFor(null);
                }}
              />
            )}
            {step === 1 && <ResourcesStep {...props} showProblems={tried.has(1)} />}
            {step === 2 && <DiskStep {...props} showProblems={tried.has(2)} />}
            {step === 3 && <NetworkStep {...props} showProblems={tried.has(3)} />}
            {step === 4 && <ReviewStep {...props} showProblems hostName={hostName} />}
          </Stack>
          {create.isError && (
            <Alert color="red" variant="light" title="Not created" data-testid="create-error">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Group justify="space-between">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Group gap="xs">
              {step > 0 && (
                <Button variant="default" onClick={() => setStep((s) => s - 1)} data-testid="create-back">
                  Back
                </Button>
              )}
              {step < STEPS.length - 1 ? (
                <Button onClick={next} disabled={form.connectionId !== null && choices.isPending} data-testid="create-next">
                  Next
                </Button>
              ) : (
                <Button
                  onClick={() => (firstBad === undefined ? create.mutate() : setStep(firstBad))}
                  loading={create.isPending}
                  data-testid="create-submit"
                >
                  Create{form.start ? ' and start' : ''}
                </Button>
              )}
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
