/**
 * The Electron IPC channel names. Kept apart from api.ts because the sandboxed
 * preload bundles this file: it must not pull in zod (a sandboxed preload
 * can require nothing but a few Electron built-ins).
 */

/** The Electron IPC channel prefix; the preload refuses anything else. */
export const IPC_PREFIX = 'novacron:';
export const IPC_INVOKE = `${IPC_PREFIX}invoke`;
export const IPC_EVENT = `${IPC_PREFIX}event`;
/** Byte channels (shared/transport.ts ChannelBridge): open is invoked, send and close are one-way, events come back on IPC_CHANNEL_EVENT. */
export const IPC_CHANNEL_OPEN = `${IPC_PREFIX}channel-open`;
export const IPC_CHANNEL_SEND = `${IPC_PREFIX}channel-send`;
export const IPC_CHANNEL_CLOSE = `${IPC_PREFIX}channel-close`;
export const IPC_CHANNEL_EVENT = `${IPC_PREFIX}channel-event`;
