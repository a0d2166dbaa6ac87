/**
 * A lab guest's serial shell over libvirt's console stream, for tests that
 * make a guest do something (load a CPU, write a disk) and read its answer.
 */
import { api, ConsoleFlags, type Dom, type LibvirtStream, type StreamCaller } from '../../electron/libvirt/index.js';

export class GuestConsole {
  private text = '';
  private readonly done: Promise<void>;

  private constructor(private readonly stream: LibvirtStream) {
    this.done = (async () => {
      try {
        for await (const chunk of stream) this.text += Buffer.from(chunk).toString('latin1');
      } catch {
        // aborted or the guest went away: what was read stays readable
      }
    })();
  }

  static async open(c: StreamCaller, dom: Dom): Promise<GuestConsole> {
    return new GuestConsole(await api.openConsole(c, dom, null, ConsoleFlags.FORCE));
  }

  /** Everything read so far. */
  get output(): string {
    return this.text;
  }

  async send(line: string): Promise<void> {
    await this.stream.write(Buffer.from(`${line}\n`));
  }

  /**
   * Sends `line` (again every 2 s) until `expect` appears in output read after the first send.
   * Use a marker the echoed command cannot contain, e.g. `echo AB$((40+2))CD` -> AB42CD.
   */
  async run(line: string, expect: string, timeoutMs = 30_000): Promise<void> {
    const from = this.text.length;
    const deadline = Date.now() + timeoutMs;
    let lastSend = 0;
    while (!this.text.slice(from).includes(expect)) {
      if (Date.now() > deadline)
        throw new Error(`the guest did not answer "${expect}" to "${line}" within ${timeoutMs} ms; it said: ${this.text.slice(-300)}`);
      if (Date.now() - lastSend > 2000) {
        await this.send(line);
        lastSend = Date.now();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    await this.stream.abort().catch(() => undefined);
    await this.done;
  }
}
