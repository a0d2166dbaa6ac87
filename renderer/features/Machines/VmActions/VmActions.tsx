import { ActionIcon, Group, Loader, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { readOnlyReason } from '../read-only';
import type { KeyboardEvent } from 'react';
import { useVmAction } from '../use-vm-action';
import type { VmRowData } from '../use-vm-rows';
import { ACTIONS, actionsFor } from '../vm-actions';
import classes from './VmActions.module.css';

/** The lifecycle buttons that make sense for a VM's state; a spinner while one runs. */
export function VmActions({ row, readOnly = false }: { row: VmRowData; readOnly?: boolean }) {
  const { run, pending } = useVmAction(row);
  const actions = readOnly ? [] : actionsFor(row.state);

  // Left/right move between the buttons; Escape goes back to the row.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      e.stopPropagation();
      const next = buttons[(at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length];
      next?.focus();
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      e.currentTarget.closest<HTMLElement>('tr')?.focus();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      // Let the table move the row focus; the row, not the button, takes it.
    } else {
      e.stopPropagation();
    }
  };

  return (
    <Group gap={4} wrap="nowrap" justify="flex-end" onKeyDown={onKeyDown} data-testid={`vm-actions-${row.name}`}>
      {pending && <Loader size={16} mr={6} data-testid={`vm-pending-${row.name}`} aria-label={`Action running on ${row.name}`} />}
      {readOnly && (
        <Tooltip label={readOnlyReason(row.host)} multiline w={280}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="md"
            tabIndex={-1}
            aria-label={`${row.name} is on a read-only connection`}
            data-testid={`vm-readonly-${row.name}`}
          >
            <IconLock size={16} stroke={1.8} />
          </ActionIcon>
        </Tooltip>
      )}
      {actions.map((action) => {
        const info = ACTIONS[action];
        // A native title, not a Tooltip per icon: four floating tooltips per row cost frames while scrolling.
        return (
          <ActionIcon
            key={action}
            variant="subtle"
            color={info.color}
            className={classes.action}
            style={{ '--action-light': `var(--mantine-color-${info.color}-7)`, '--action-dark': `var(--mantine-color-${info.color}-4)` }}
            size="md"
            disabled={pending}
            title={info.label}
            aria-label={`${info.label} ${row.name}`}
            data-testid={`vm-action-${action}-${row.name}`}
            tabIndex={-1}
            onClick={(e) => {
              e.stopPropagation();
              run(action);
            }}
          >
            <info.icon size={16} stroke={1.8} />
          </ActionIcon>
        );
      })}
    </Group>
  );
}
