/**
 * Moving bytes into and out of storage volumes: a preflight check (method), and two byte
 * channels. The backend carries the bytes over libvirt's own volume streams
 * (virStorageVolUpload/Download), never an SSH file copy.
 *
 * Upload channel protocol (flow control is the client's window, since a channel has none of its own):
 *   client -> backend: the file's bytes, in order, in frames of at most UPLOAD_FRAME_BYTES;
 *   backend -> client: progress frames, UTF-8 JSON `{"acked": <bytes written to the host>}`.
 *   The client keeps at most `windowBytes` sent but not acked; once `size` bytes are acked the
 *   backend finishes the stream and ends the channel cleanly. Closing the channel cancels.
 * Download channel: backend -> client, the volume's bytes (holes expanded to zeros), then a
 *   clean end; any failure ends it with an error. Closing the channel cancels.
 */
import { z } from 'zod';
import { channel, method } from './define.js';
import { id, plainText } from './fields.js';

/** Frames the client sends on an upload (the headless WebSocket refuses messages over 1 MiB). */
export const UPLOAD_FRAME_BYTES = 256 * 1024;
/** Bytes a client may have in flight on an upload before the backend acks them. */
export const UPLOAD_WINDOW_BYTES = 8 * 1024 * 1024;
export const VOLUME_NAME_MAX = 128;

/**
 * Why `name` cannot be a volume NovaCron creates or writes, or null. Letters, digits and
 * `. _ + -` only: no XML or shell metacharacters, no `/`, no `..`, no leading dot or dash
 * (a dot file, or a name a tool could read as an option).
 */
export function volumeNameProblem(name: string): string | null {
  if (name.length === 0) return 'a volume name is required';
  if (name.length > VOLUME_NAME_MAX) return `at most ${VOLUME_NAME_MAX} characters`;
  if (name.includes('/')) return 'must not contain "/"';
  if (name.includes('..')) return 'must not contain ".."';
  if (/^[.-]/.test(name)) return 'must not start with "." or "-"';
  if (!/^[A-Za-z0-9._+-]+$/.test(name)) return 'only letters, digits and . _ + - are allowed';
  return null;
}

export const VolumeName = z.string().superRefine((s, ctx) => {
  const problem = volumeNameProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
/** A pool name as libvirt knows it (read only: the pool exists already). */
export const PoolName = plainText(128).pipe(z.string().min(1, 'a pool name is required'));

const VolumeRef = z.object({ connectionId: id, pool: PoolName, name: VolumeName });

export const UploadCheckInput = VolumeRef.extend({ size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) });
export const UploadCheck = z.object({
  /** Null when the upload can go ahead; else the reason, in words for the user. */
  problem: z.string().nullable(),
  /** The target volume exists: the upload overwrites it (its first `size` bytes). */
  exists: z.boolean(),
  capacity: z.number().nullable(),
  /** Free bytes in the pool. */
  available: z.number(),
});
export type UploadCheck = z.infer<typeof UploadCheck>;

export const UploadChannelInput = VolumeRef.extend({
  size: z.number().int().positive('the file is empty (0 bytes): nothing to upload').max(Number.MAX_SAFE_INTEGER),
  /** Overwrite an existing volume of that name (else an existing one is refused). */
  overwrite: z.boolean().default(false),
});
export const UploadChannelInfo = z.object({
  jobId: z.string(),
  /** NovaCron created the volume for this upload (and deletes it again if the upload fails). */
  created: z.boolean(),
  windowBytes: z.number().int().positive(),
  frameBytes: z.number().int().positive(),
});

export const DownloadChannelInput = VolumeRef;
export const DownloadChannelInfo = z.object({
  jobId: z.string(),
  /** The volume's capacity: the bytes that will come. */
  size: z.number().int().nonnegative(),
});

export const volumeTransferContract = {
  methods: {
    /** Whether an upload of `size` bytes into pool/name can go ahead (name, empty file, free space, existing volume). */
    'volumeTransfer.checkUpload': method(UploadCheckInput, UploadCheck),
  },
  events: {},
};

export const volumeTransferChannels = {
  /** A file's bytes into a volume (created for it unless it exists). */
  'volume.upload': channel(UploadChannelInput, UploadChannelInfo),
  /** A volume's bytes to the client. */
  'volume.download': channel(DownloadChannelInput, DownloadChannelInfo),
};
