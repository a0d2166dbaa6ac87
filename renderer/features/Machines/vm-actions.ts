import { IconPlayerPause, IconPlayerPlay, IconPower, IconPlugOff, IconRefresh, type TablerIcon } from '@tabler/icons-react';
import type { VmAction, VmState } from '../../../shared/types';

export interface ActionInfo {
  label: string;
  icon: TablerIcon;
  color: string;
  /** Asked before running, naming the VM and the host. */
  confirm?: { title: (vm: string) => string; body: (vm: string, host: string) => string; button: string };
}

export const ACTIONS: Record<VmAction, ActionInfo> = {
  start: { label: 'Start', icon: IconPlayerPlay, color: 'teal' },
  resume: { label: 'Resume', icon: IconPlayerPlay, color: 'teal' },
  suspend: { label: 'Pause', icon: IconPlayerPause, color: 'yellow' },
  shutdown: {
    label: 'Shut down',
    icon: IconPower,
    color: 'orange',
    confirm: {
      title: (vm) => `Shut down ${vm}?`,
      body: (vm, host) =>
        `NovaCron asks the guest operating system of ${vm} on ${host} to power off (ACPI). A guest that ignores the request keeps running; use Force off then.`,
      button: 'Shut down',
    },
  },
  reboot: {
    label: 'Reboot',
    icon: IconRefresh,
    color: 'blue',
    confirm: {
      title: (vm) => `Reboot ${vm}?`,
      body: (vm, host) =>
        `NovaCron asks the guest operating system of ${vm} on ${host} to restart. Its users and services are interrupted.`,
      button: 'Reboot',
    },
  },
  reset: {
    label: 'Reset',
    icon: IconRefresh,
    color: 'red',
    confirm: {
      title: (vm) => `Reset ${vm}?`,
      body: (vm, host) =>
        `This resets ${vm} on ${host} at once, like pressing its reset button: the guest is not asked, and anything it has not written to disk is lost.`,
      button: 'Reset',
    },
  },
  destroy: {
    label: 'Force off',
    icon: IconPlugOff,
    color: 'red',
    confirm: {
      title: (vm) => `Force off ${vm}?`,
      body: (vm, host) =>
        `This cuts the power of ${vm} on ${host} at once, like pulling the plug: anything the guest has not written to disk is lost. Its disks and definition are kept.`,
      button: 'Force off',
    },
  },
};

const BY_STATE: Record<VmState, VmAction[]> = {
  running: ['shutdown', 'reboot', 'suspend', 'destroy'],
  blocked: ['shutdown', 'reboot', 'suspend', 'destroy'],
  paused: ['resume', 'destroy'],
  shutdown: ['destroy'],
  shutoff: ['start'],
  crashed: ['destroy'],
  pmsuspended: ['destroy'],
  nostate: ['start'],
};

/** The actions that make sense in a state, in display order. */
export function actionsFor(state: VmState): VmAction[] {
  return BY_STATE[state];
}

/** On the machine's page every action of its state, reset included (the table keeps the common ones). */
export function pageActionsFor(state: VmState): VmAction[] {
  const base = BY_STATE[state];
  if (state === 'running' || state === 'blocked' || state === 'paused') {
    const at = base.indexOf('destroy');
    return [...base.slice(0, at), 'reset', ...base.slice(at)];
  }
  return base;
}
