/**
 * Monospace for the value of an input only (URIs, paths), not its label.
 * 13px: DejaVu Sans Mono (the usual Linux monospace) drops underscores at
 * 14px inside inputs, and "client_ed25519" must read as such.
 */
export const monoInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } } as const;
