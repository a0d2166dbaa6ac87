import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { ConnectionError } from '../errors.js';

/** How much of the remote command's stderr we keep for error messages. */
const STDERR_KEEP_BYTES = 4096;

/**
 * The stdin/stdout of a remote command (virt-ssh-helper or nc) as one Duplex.
 *
 * It forwards bytes both ways untouched. What it adds over the raw ssh2 channel: the EOF is
 * held back until the channel has closed, so the exit status is known; a command that ends
 * before sending a single byte (helper missing, daemon down, socket absent) is reported as
 * ConnectionError('remote-command') carrying its stderr, instead of a bare EOF.
 */
export class ExecStream extends Duplex {
  private sawStdout = false;
  private stderrTail = Buffer.alloc(0);
  private exitCode: number | null = null;
  private exitSignal: string | null = null;
  private finished = false;

  constructor(
    private readonly channel: ClientChannel,
    /** e.g. "root@host:22 (virt-ssh-helper)", for messages. */
    private readonly label: string,
    /** Called once when the stream is done, to end the SSH connection behind it. */
    private readonly onDone: () => void,
  ) {
    super({ allowHalfOpen: true });
    channel.on('data', (chunk: Buffer) => {
      this.sawStdout = true;
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on('data', (chunk: Buffer) => this.keepStderr(chunk));
    channel.on('exit', (code: number | null, signal?: string) => {
      this.exitCode = code;
      this.exitSignal = signal ?? null;
    });
    channel.on('error', (err: Error) => {
      this.destroy(new ConnectionError('closed', `SSH channel to ${label} failed: ${err.message}`, { cause: err }));
    });
    channel.on('close', () => this.onChannelClosed());
  }

  /** The last few KB the remote command wrote to stderr. */
  get stderrText(): string {
    return this.stderrTail.toString('utf8');
  }

  /** The remote exit status, once known (null: not yet, or killed by a signal). */
  get exitStatus(): number | null {
    return this.exitCode;
  }

  /** Called when the SSH connection under the channel is lost. */
  abort(reason: string): void {
    if (this.finished || this.destroyed) return;
    this.destroy(new ConnectionError('closed', `SSH connection to ${this.label} lost: ${reason}`));
  }

  private keepStderr(chunk: Buffer): void {
    const joined = Buffer.concat([this.stderrTail, chunk]);
    this.stderrTail = joined.length > STDERR_KEEP_BYTES ? joined.subarray(joined.length - STDERR_KEEP_BYTES) : joined;
  }

  private onChannelClosed(): void {
    if (this.finished || this.destroyed) return;
    if (!this.sawStdout) {
      this.destroy(new ConnectionError('remote-command', this.describeEarlyExit()));
      return;
    }
    this.finished = true;
    this.push(null);
    this.onDone();
  }

  private describeEarlyExit(): string {
    const status =
      this.exitSignal !== null
        ? `killed by signal ${this.exitSignal}`
        : this.exitCode !== null
          ? `exit status ${this.exitCode}`
          : 'no exit status';
    const stderr = this.stderrText.trim();
    let hint = '';
    if (this.exitCode === 127) hint = ' (command not found: is virt-ssh-helper or nc installed on the host?)';
    else if (this.exitCode === 0 && stderr === '') hint = ' (the remote side could not reach the libvirt daemon)';
    return `the remote command on ${this.label} ended before the libvirt daemon answered, ${status}${hint}: ${stderr || 'no error output'}`;
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    this.channel.write(chunk, (err?: Error | null) => callback(err));
  }

  override _final(callback: (err?: Error | null) => void): void {
    this.channel.end();
    callback();
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    this.finished = true;
    this.channel.destroy();
    this.onDone();
    callback(err);
  }
}
