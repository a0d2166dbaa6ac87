/** The one error type the renderer sees from the backend: code first, text for people. */
import { AppErrorShape, type ErrorCode, type HostKey } from '../../shared/types';

type Issue = { path: string; message: string };

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  readonly hostKey?: HostKey;
  readonly issues?: Issue[];
  readonly libvirt?: { code: number; domain: number };

  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.code = shape.code;
    if (shape.hostKey) this.hostKey = shape.hostKey;
    if (shape.issues) this.issues = shape.issues;
    if (shape.libvirt) this.libvirt = shape.libvirt;
  }

  /** Anything the transport handed back as an error, checked against the contract. */
  static fromUnknown(value: unknown, context: string): ApiError {
    const parsed = AppErrorShape.safeParse(value);
    if (parsed.success) return new ApiError(parsed.data);
    const text = value instanceof Error ? value.message : 'no details';
    return new ApiError({ code: 'internal', message: `${context} failed unexpectedly (${text}).` });
  }
}

export function isApiError(e: unknown, code?: ErrorCode): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

/** A readable message for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
