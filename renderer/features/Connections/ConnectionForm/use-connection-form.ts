/** State and validation of the add/edit connection form (validated by the contract's zod schema). */
import { useState } from 'react';
import { ConnectionInput } from '../../../../shared/api';
import type { Connection } from '../../../../shared/types';
import { buildUri, EMPTY_FIELDS, parseUri, portError, type UriFields } from './build-uri';

export type Mode = 'uri' | 'fields';
export type FieldErrors = Partial<Record<'name' | 'uri' | 'keyFile' | 'form', string>>;

export function useConnectionForm(initial?: Connection) {
  const [name, setName] = useState(initial?.name ?? '');
  const [mode, setModeRaw] = useState<Mode>('uri');
  const [uri, setUri] = useState(initial?.uri ?? '');
  const [fields, setFields] = useState<UriFields>((initial && parseUri(initial.uri)) ?? EMPTY_FIELDS);
  const [keyFile, setKeyFile] = useState(initial?.keyFile ?? '');
  const [autoConnect, setAutoConnect] = useState(initial?.autoConnect ?? false);
  const [readOnly, setReadOnly] = useState(initial?.readOnly ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});

  const effectiveUri = mode === 'uri' ? uri : buildUri(fields);

  /** Switching modes carries the URI over where it can. */
  const setMode = (next: Mode) => {
    if (next === 'fields') setFields(parseUri(uri) ?? fields);
    if (next === 'uri') setUri(buildUri(fields));
    setModeRaw(next);
  };

  /** The input for connections.add/update, or null with errors set. */
  const validate = (): ConnectionInput | null => {
    const candidate = { name, uri: effectiveUri, keyFile: keyFile.trim() || undefined, autoConnect, readOnly };
    const parsed = ConnectionInput.safeParse(candidate);
    const next: FieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        if ((key === 'name' || key === 'uri' || key === 'keyFile') && !next[key]) next[key] = issue.message;
      }
    }
    if (mode === 'fields' && portError(fields.port)) next.uri = portError(fields.port);
    setErrors(next);
    return parsed.success && Object.keys(next).length === 0 ? parsed.data : null;
  };

  /** Issues the backend reported ('invalid-input'), mapped onto the fields. */
  const showIssues = (issues: { path: string; message: string }[], fallback: string) => {
    const next: FieldErrors = {};
    for (const i of issues) {
      const key = i.path.split('.')[0];
      if (key === 'name' || key === 'uri' || key === 'keyFile') next[key] = i.message;
    }
    if (Object.keys(next).length === 0) next.form = fallback;
    setErrors(next);
  };

  return {
    name,
    setName,
    mode,
    setMode,
    uri,
    setUri,
    fields,
    setFields,
    keyFile,
    setKeyFile,
    autoConnect,
    setAutoConnect,
    readOnly,
    setReadOnly,
    effectiveUri,
    errors,
    setErrors,
    validate,
    showIssues,
  };
}
