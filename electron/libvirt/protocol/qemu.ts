/** The QEMU program (0x20008087): monitor and guest-agent pass-through. */
import { Dom, i32, optStr, str, struct } from './common.js';
import { qemuProc } from './define.js';
import { flagsCodec } from './shared.js';

/** virDomainQemuMonitorCommandFlags */
export const QemuMonitorCommandFlags = { DEFAULT: 0, HMP: 1 } as const;

/** virDomainQemuAgentCommandTimeoutValues */
export const QemuAgentTimeout = { BLOCK: -2, DEFAULT: -1, NOWAIT: 0 } as const;

export const QEMU_DOMAIN_MONITOR_COMMAND = qemuProc(
  'QEMU_DOMAIN_MONITOR_COMMAND',
  1,
  struct({ dom: Dom, cmd: str, flags: flagsCodec }),
  struct({ result: str }),
);
export const QEMU_DOMAIN_AGENT_COMMAND = qemuProc(
  'QEMU_DOMAIN_AGENT_COMMAND',
  3,
  struct({ dom: Dom, cmd: str, timeout: i32, flags: flagsCodec }),
  struct({ result: optStr }),
);
