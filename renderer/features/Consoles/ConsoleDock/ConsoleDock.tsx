/**
 * The console dock below every page: one tab per open console, several at
 * once. It lives in the app frame, not in a page, so its consoles (and their
 * connections) stay open while the user moves around; a hidden tab stays
 * mounted, only out of sight.
 */
import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconDeviceDesktop, IconMaximize, IconMinimize, IconTerminal2, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { GraphicalConsole } from '../GraphicalConsole/GraphicalConsole';
import { SerialConsole } from '../SerialConsole/SerialConsole';
import { useConsoles, type ConsoleTab } from '../store';
import classes from '../Consoles.module.css';

export const tabLabel = (t: ConsoleTab) => `${t.name} · ${t.kind === 'serial' ? 'Serial' : 'Graphical'}`;

export function ConsoleDock() {
  const { tabs, active, collapsed, activate, close, setCollapsed } = useConsoles();
  const [maximized, setMaximized] = useState(false);
  if (tabs.length === 0) return null;
  return (
    <section
      className={classes.dock}
      data-collapsed={collapsed}
      data-maximized={maximized}
      aria-label="Consoles"
      data-testid="console-dock"
    >
      <Group gap={4} px="xs" wrap="nowrap" className={classes.toolbar}>
        <Text size="xs" fw={600} c="dimmed" mr={4}>
          Consoles
        </Text>
        <div className={classes.tabs} role="tablist" aria-label="Open consoles">
          {tabs.map((t) => {
            const selected = t.key === active;
            const Icon = t.kind === 'serial' ? IconTerminal2 : IconDeviceDesktop;
            return (
              <div key={t.key} style={{ display: 'flex' }}>
                <button
                  type="button"
                  role="tab"
                  className={classes.tab}
                  aria-selected={selected}
                  data-testid="console-tab"
                  data-kind={t.kind}
                  onClick={() => {
                    activate(t.key);
                    setCollapsed(false);
                  }}
                >
                  <Icon size={14} />
                  {tabLabel(t)}
                </button>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  my="auto"
                  aria-label={`Close ${tabLabel(t)}`}
                  onClick={() => close(t.key)}
                >
                  <IconX size={12} />
                </ActionIcon>
              </div>
            );
          })}
        </div>
        <Tooltip label={maximized ? 'Restore' : 'Maximize'}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={maximized ? 'Restore the consoles' : 'Maximize the consoles'}
            onClick={() => setMaximized((m) => !m)}
          >
            {maximized ? <IconMinimize size={14} /> : <IconMaximize size={14} />}
          </ActionIcon>
        </Tooltip>
        <Tooltip label={collapsed ? 'Show' : 'Hide'}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={collapsed ? 'Show the consoles' : 'Hide the consoles'}
            onClick={() => setCollapsed(!collapsed)}
          >
            {collapsed ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
          </ActionIcon>
        </Tooltip>
      </Group>
      <div className={classes.body} style={collapsed ? { display: 'none' } : undefined}>
        {tabs.map((t) => {
          const visible = !collapsed && t.key === active;
          return (
            <div
              key={t.key}
              role="tabpanel"
              aria-label={tabLabel(t)}
              style={{ display: visible ? 'block' : 'none', position: 'absolute', inset: 0 }}
            >
              {t.kind === 'serial' ? <SerialConsole tab={t} visible={visible} /> : <GraphicalConsole tab={t} visible={visible} />}
            </div>
          );
        })}
      </div>
    </section>
  );
}
