/**
 * A dashboard panel's frame: its title, a drag handle, and move up / move
 * down buttons (the keyboard's way to rearrange; focus follows the panel).
 */
import { ActionIcon, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical } from '@tabler/icons-react';
import { useState, type DragEvent, type ReactNode } from 'react';
import type { PanelId } from '../dashboard-layout';
import classes from './DashboardPanel.module.css';

interface Props {
  id: PanelId;
  title: string;
  index: number;
  count: number;
  span: 1 | 2;
  onMove: (id: PanelId, delta: number) => void;
  onDropAt: (id: PanelId, index: number) => void;
  /** Right of the title (a range, a link). */
  extra?: ReactNode;
  children: ReactNode;
}

const DRAG_TYPE = 'application/x-novacron-panel';

export function DashboardPanel({ id, title, index, count, span, onMove, onDropAt, extra, children }: Props) {
  const [over, setOver] = useState(false);
  const move = (delta: number, e: React.MouseEvent<HTMLButtonElement>) => {
    const button = e.currentTarget.getAttribute('data-dir');
    onMove(id, delta);
    // The panel moves in the DOM; keep the focus on the same button of the same panel.
    requestAnimationFrame(() => {
      const target = document.querySelector<HTMLButtonElement>(`[data-panel="${id}"] button[data-dir="${button}"]:not(:disabled)`);
      (target ?? document.querySelector<HTMLButtonElement>(`[data-panel="${id}"] button[data-dir]:not(:disabled)`))?.focus();
    });
  };
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, id);
    e.dataTransfer.effectAllowed = 'move';
  };
  const onDrop = (e: DragEvent) => {
    setOver(false);
    const dragged = e.dataTransfer.getData(DRAG_TYPE) as PanelId;
    if (dragged && dragged !== id) {
      e.preventDefault();
      onDropAt(dragged, index);
    }
  };
  return (
    <Paper
      withBorder
      radius="sm"
      p="md"
      className={classes.panel}
      style={{ gridColumn: `span ${span}` }}
      data-panel={id}
      data-testid={`dash-panel-${id}`}
      data-index={index}
      data-over={over || undefined}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE)) {
          e.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      component="section"
      aria-label={title}
    >
      <Stack gap="sm" h="100%">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={4} wrap="nowrap" miw={0}>
            <span className={classes.handle} draggable onDragStart={onDragStart} title="Drag to rearrange" aria-hidden>
              <IconGripVertical size={16} />
            </span>
            <Text fw={600} size="sm" truncate>
              {title}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            {extra}
            <Tooltip label="Move up">
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                data-dir="up"
                disabled={index === 0}
                aria-label={`Move ${title} up`}
                onClick={(e) => move(-1, e)}
                data-testid={`dash-move-up-${id}`}
              >
                <IconArrowUp size={14} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Move down">
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                data-dir="down"
                disabled={index === count - 1}
                aria-label={`Move ${title} down`}
                onClick={(e) => move(1, e)}
                data-testid={`dash-move-down-${id}`}
              >
                <IconArrowDown size={14} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        <div className={classes.body}>{children}</div>
      </Stack>
    </Paper>
  );
}
