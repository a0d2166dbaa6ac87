/**
 * A serial console tab: xterm.js on the machine's console stream. The
 * terminal fits its box (libvirt's serial line has no size to negotiate),
 * keeps 5,000 lines of scrollback, copies the selection with Ctrl+Shift+C
 * and pastes with Ctrl+Shift+V (or the buttons).
 */
import '@xterm/xterm/css/xterm.css';
import { Alert, Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconClipboard, IconCopy, IconPlugConnected } from '@tabler/icons-react';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import type { ConsoleTab } from '../store';
import classes from '../Consoles.module.css';
import { SerialSession, type SerialState } from './serial-session';

const LABEL: Record<SerialState['s'], string> = {
  connecting: 'Connecting…',
  open: 'Connected',
  busy: 'In use elsewhere',
  reconnecting: 'Reconnecting…',
  closed: 'Closed',
};
const COLOR: Record<SerialState['s'], string> = { connecting: 'gray', open: 'teal', busy: 'orange', reconnecting: 'yellow', closed: 'red' };

async function copySelection(term: Terminal): Promise<void> {
  const text = term.getSelection();
  if (text) await navigator.clipboard?.writeText(text).catch(() => {});
}

async function pasteClipboard(term: Terminal): Promise<void> {
  const text = await navigator.clipboard?.readText().catch(() => '');
  if (text) term.paste(text);
}

export function SerialConsole({ tab, visible }: { tab: ConsoleTab; visible: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const sessionRef = useRef<SerialSession | null>(null);
  const [state, setState] = useState<SerialState>({ s: 'connecting' });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const term = new Terminal({
      scrollback: 5000,
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    term.attachCustomKeyEventHandler((e) => {
      if (!e.ctrlKey || !e.shiftKey || (e.code !== 'KeyC' && e.code !== 'KeyV')) return true;
      // Ours, not the browser's (its own paste would paste twice; Ctrl+Shift+C opens devtools).
      e.preventDefault();
      if (e.type === 'keydown') void (e.code === 'KeyC' ? copySelection(term) : pasteClipboard(term));
      return false;
    });
    const session = new SerialSession(tab.connectionId, tab.uuid, term);
    const offState = session.onState(setState);
    const offData = term.onData((d) => session.send(d));
    termRef.current = term;
    fitRef.current = fit;
    sessionRef.current = session;
    const refit = () => {
      if (el.offsetWidth > 0 && el.offsetHeight > 0) fit.fit();
    };
    const observer = new ResizeObserver(refit);
    observer.observe(el);
    refit();
    // A task later: React's development double mount would otherwise open the console twice.
    const start = setTimeout(() => session.connect(false), 0);
    return () => {
      clearTimeout(start);
      observer.disconnect();
      offState();
      offData.dispose();
      session.dispose();
      term.dispose();
      termRef.current = null;
      sessionRef.current = null;
    };
  }, [tab.connectionId, tab.uuid]);

  useEffect(() => {
    if (!visible) return;
    const id = requestAnimationFrame(() => {
      const el = box.current;
      if (el && el.offsetWidth > 0) fitRef.current?.fit();
      termRef.current?.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [visible]);

  const term = termRef.current;
  return (
    <div className={classes.pane} data-testid="serial-console" data-state={state.s}>
      <Group justify="space-between" gap="xs" px="xs" py={4} wrap="nowrap" className={classes.toolbar}>
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Badge size="sm" variant="light" color={COLOR[state.s]} data-testid="serial-state">
            {LABEL[state.s]}
          </Badge>
          <Text size="xs" c="dimmed" truncate>
            Serial console of {tab.name}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Copy the selection (Ctrl+Shift+C)">
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconCopy size={12} />}
              onClick={() => term && void copySelection(term)}
            >
              Copy
            </Button>
          </Tooltip>
          <Tooltip label="Paste (Ctrl+Shift+V)">
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconClipboard size={12} />}
              onClick={() => term && void pasteClipboard(term)}
            >
              Paste
            </Button>
          </Tooltip>
          {(state.s === 'closed' || state.s === 'reconnecting') && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconPlugConnected size={12} />}
              onClick={() => sessionRef.current?.connect(false)}
            >
              Reconnect
            </Button>
          )}
        </Group>
      </Group>
      {state.s === 'busy' && (
        <Alert color="orange" variant="light" py={6} px="sm" radius={0} data-testid="serial-busy">
          <Group justify="space-between" gap="sm" wrap="nowrap">
            <Text size="sm">{state.message}</Text>
            <Group gap={4} wrap="nowrap">
              <Button size="compact-sm" color="orange" onClick={() => sessionRef.current?.connect(true)} data-testid="serial-take-over">
                Take over
              </Button>
              <Button size="compact-sm" variant="subtle" onClick={() => sessionRef.current?.connect(false)}>
                Retry
              </Button>
            </Group>
          </Group>
        </Alert>
      )}
      <div ref={box} className={classes.terminal} data-testid="serial-terminal" />
    </div>
  );
}
