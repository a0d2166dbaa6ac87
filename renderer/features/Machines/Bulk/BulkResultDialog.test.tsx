import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { VmRowData } from '../use-vm-rows';
import { BulkResultList } from './BulkResultDialog';
import { joinBulkOutput } from './run-bulk';

const row = (name: string, connectionId: string, host: string): VmRowData => ({
  connectionId,
  uuid: `${name}-uuid`,
  name,
  host,
  key: `${connectionId}/${name}-uuid`,
  id: -1,
  state: 'shutoff',
  vcpus: 1,
  memoryKiB: 1024,
  maxMemoryKiB: 1024,
  persistent: true,
  autostart: false,
});

describe('bulk results', () => {
  it('joins vms.bulk’s answer per machine by host and UUID, failures with the backend’s words, missing answers as failures', () => {
    const rows = [row('a', 'c1', 'kvm01'), row('a', 'c2', 'kvm02'), row('b', 'c1', 'kvm01')];
    const out = joinBulkOutput('start', rows, [
      { connectionId: 'c2', uuid: 'a-uuid', name: 'a', ok: false, error: { code: 'conflict', message: 'domain is already running' } },
      { connectionId: 'c1', uuid: 'a-uuid', name: 'a', ok: true, error: null },
    ]);
    expect(out.map((r) => [r.host, r.name, r.ok, r.message])).toEqual([
      ['kvm01', 'a', true, 'started'],
      ['kvm02', 'a', false, 'domain is already running'],
      ['kvm01', 'b', false, 'no answer for this machine'],
    ]);
  });

  it('shows one line per machine and a summary', () => {
    const rows = [row('a', 'c1', 'kvm01'), row('b', 'c2', 'kvm02')];
    const results = joinBulkOutput('destroy', rows, [
      { connectionId: 'c1', uuid: 'a-uuid', name: 'a', ok: true, error: null },
      { connectionId: 'c2', uuid: 'b-uuid', name: 'b', ok: false, error: { code: 'operation-invalid', message: 'domain is not running' } },
    ]);
    render(
      <MantineProvider>
        <BulkResultList results={results} />
      </MantineProvider>,
    );
    expect(screen.getByTestId('bulk-summary').textContent).toBe('1 of 2 done, 1 failed.');
    expect(screen.getByTestId('bulk-result-a').textContent).toContain('forced off');
    expect(screen.getByTestId('bulk-result-b').getAttribute('data-ok')).toBe('false');
    expect(screen.getByTestId('bulk-result-b').textContent).toContain('domain is not running');
  });
});
