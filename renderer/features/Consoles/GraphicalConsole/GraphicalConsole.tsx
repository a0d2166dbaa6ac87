/**
 * A graphical console tab: noVNC's RFB client on the machine's VNC display,
 * its bytes on a NovaCron channel (ChannelSocket) instead of a WebSocket of
 * its own: there is no other way in than the authenticated backend link.
 * noVNC loads on first use (it is a sizeable module with top-level await).
 */
import { Badge, Button, Group, PasswordInput, Text } from '@mantine/core';
import { IconKeyboard, IconPlugConnected } from '@tabler/icons-react';
import type RFB from '@novnc/novnc';
import { useEffect, useRef, useState } from 'react';
import { isLinkLoss, openChannel } from '../../../api/channels';
import { errorMessage, isApiError } from '../../../api/errors';
import type { ConsoleTab } from '../store';
import classes from '../Consoles.module.css';
import { ChannelSocket } from './channel-socket';

type VncState =
  | { s: 'connecting' }
  | { s: 'connected'; via: string }
  | { s: 'password'; message?: string }
  | { s: 'reconnecting'; message: string }
  | { s: 'closed'; message: string };

const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 10_000];
const COLOR: Record<VncState['s'], string> = {
  connecting: 'gray',
  connected: 'teal',
  password: 'orange',
  reconnecting: 'yellow',
  closed: 'red',
};
const LABEL: Record<VncState['s'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  password: 'Password needed',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
};

export function GraphicalConsole({ tab, visible }: { tab: ConsoleTab; visible: boolean }) {
  const screen = useRef<HTMLDivElement>(null);
  const rfbRef = useRef<RFB | null>(null);
  const [state, setState] = useState<VncState>({ s: 'connecting' });
  const [attemptKey, setAttemptKey] = useState(0);
  const [password, setPassword] = useState('');
  const retries = useRef(0);

  useEffect(() => {
    const el = screen.current;
    if (!el) return;
    let disposed = false;
    let rfb: RFB | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    const retry = (message: string) => {
      retries.current++;
      setState({ s: 'reconnecting', message });
      const delay = RETRY_MS[Math.min(retries.current - 1, RETRY_MS.length - 1)] ?? 10_000;
      retryTimer = setTimeout(() => setAttemptKey((k) => k + 1), delay);
    };
    const start = setTimeout(() => {
      void (async () => {
        let channel;
        try {
          // noVNC first: the channel's first bytes (the RFB banner) come right after it opens,
          // and must find the ChannelSocket already listening.
          const mod = await import('@novnc/novnc');
          if (disposed) return;
          channel = await openChannel('console.vnc', { connectionId: tab.connectionId, uuid: tab.uuid });
          const socket = new ChannelSocket(channel);
          if (disposed) return channel.close();
          el.replaceChildren();
          rfb = new mod.default(el, socket, { shared: true });
          rfbRef.current = rfb;
          rfb.scaleViewport = true;
          rfb.resizeSession = false;
          rfb.focusOnClick = true;
          rfb.background = '#111';
          const via = channel.info.via === 'ssh' ? 'through the host’s SSH connection' : 'directly';
          rfb.addEventListener('connect', () => {
            retries.current = 0;
            setState({ s: 'connected', via });
          });
          rfb.addEventListener('credentialsrequired', () => setState({ s: 'password' }));
          rfb.addEventListener('securityfailure', (e) => {
            const reason = (e as CustomEvent<{ reason?: string }>).detail?.reason;
            setState({ s: 'closed', message: `The VNC server refused: ${reason ?? 'authentication failed'}.` });
          });
          rfb.addEventListener('disconnect', (e) => {
            if (disposed) return;
            rfbRef.current = null;
            const error = socket.closeError;
            if (isLinkLoss(error)) return retry(error!.message);
            const clean = (e as CustomEvent<{ clean: boolean }>).detail?.clean;
            setState((prev) =>
              prev.s === 'closed'
                ? prev
                : { s: 'closed', message: error?.message ?? (clean ? 'The VNC session ended.' : 'The VNC connection was lost.') },
            );
          });
        } catch (e) {
          if (disposed) return;
          if (isApiError(e) && isLinkLoss(e)) return retry(e.message);
          setState({ s: 'closed', message: errorMessage(e) });
        }
      })();
    }, 0);
    return () => {
      disposed = true;
      clearTimeout(start);
      if (retryTimer) clearTimeout(retryTimer);
      rfb?.disconnect();
      rfbRef.current = null;
    };
  }, [tab.connectionId, tab.uuid, attemptKey]);

  useEffect(() => {
    if (visible) rfbRef.current?.focus();
  }, [visible]);

  return (
    <div className={classes.pane} data-testid="graphical-console" data-state={state.s}>
      <Group justify="space-between" gap="xs" px="xs" py={4} wrap="nowrap" className={classes.toolbar}>
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Badge size="sm" variant="light" color={COLOR[state.s]} data-testid="vnc-state">
            {LABEL[state.s]}
          </Badge>
          <Text size="xs" c="dimmed" truncate>
            {state.s === 'connected'
              ? `Display of ${tab.name}, ${state.via}`
              : state.s === 'closed' || state.s === 'reconnecting'
                ? state.message
                : `Display of ${tab.name}`}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconKeyboard size={12} />}
            disabled={state.s !== 'connected'}
            onClick={() => rfbRef.current?.sendCtrlAltDel()}
          >
            Ctrl+Alt+Del
          </Button>
          {(state.s === 'closed' || state.s === 'reconnecting') && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconPlugConnected size={12} />}
              onClick={() => {
                retries.current = 0;
                setState({ s: 'connecting' });
                setAttemptKey((k) => k + 1);
              }}
            >
              Reconnect
            </Button>
          )}
        </Group>
      </Group>
      {state.s === 'password' && (
        <Group gap="xs" px="xs" py={6} wrap="nowrap">
          <PasswordInput
            size="xs"
            placeholder="VNC password"
            aria-label="VNC password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            size="compact-sm"
            onClick={() => {
              rfbRef.current?.sendCredentials({ password });
              setPassword('');
              setState({ s: 'connecting' });
            }}
          >
            Send
          </Button>
        </Group>
      )}
      <div ref={screen} className={classes.screen} data-testid="vnc-screen" />
    </div>
  );
}
