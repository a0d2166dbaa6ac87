/** QEMU pass-through: monitor (QMP/HMP) and guest-agent commands. Unsupported territory for libvirt; use sparingly. */
import type { Dom } from '../protocol/common.js';
import type { RpcCaller } from '../rpc/types.js';
import * as P from '../protocol/qemu.js';

/** Sends a QMP command (JSON string), or HMP text with QemuMonitorCommandFlags.HMP; returns the raw reply. */
export async function qemuMonitorCommand(c: RpcCaller, dom: Dom, cmd: string, flags = 0): Promise<string> {
  return (await c.call(P.QEMU_DOMAIN_MONITOR_COMMAND, { dom, cmd, flags })).result;
}

/**
 * Sends a guest-agent command (JSON string); `timeout` in seconds or
 * QemuAgentTimeout (BLOCK -2, DEFAULT -1, NOWAIT 0). Null when the agent sent no reply.
 */
export async function qemuAgentCommand(
  c: RpcCaller,
  dom: Dom,
  cmd: string,
  timeout: number = P.QemuAgentTimeout.DEFAULT,
  flags = 0,
): Promise<string | null> {
  return (await c.call(P.QEMU_DOMAIN_AGENT_COMMAND, { dom, cmd, timeout, flags })).result;
}
