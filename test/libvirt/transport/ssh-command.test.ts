import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError } from '../../../electron/libvirt/errors.js';
import { buildRemoteCommand, quoteShellWord, resolveProxyMode } from '../../../electron/libvirt/transport/ssh-command.js';
import { parseLibvirtUri } from '../../../electron/libvirt/transport/uri.js';
import { makeTempDir } from './helpers/tools.js';

const build = (uri: string, readOnly = false) => buildRemoteCommand(parseLibvirtUri(uri), readOnly);

describe('remote command: shape', () => {
  it('proxy=auto by default: helper if present, else nc on the legacy socket', () => {
    const c = build('qemu+ssh://h/system');
    expect(c.proxy).toBe('auto');
    expect(c.socketPath).toBe('/var/run/libvirt/libvirt-sock');
    expect(c.command).toMatch(/^sh -c '/);
    expect(c.command).toContain("virt-ssh-helper '\\''qemu:///system'\\''");
    expect(c.command).toContain('-U '); // netcat fallback
  });

  it('read-only adds -r and uses the -ro socket', () => {
    const c = build('qemu+ssh://h/system', true);
    expect(c.command).toContain('virt-ssh-helper -r ');
    expect(c.socketPath).toBe('/var/run/libvirt/libvirt-sock-ro');
  });

  it('session URIs use the helper only', () => {
    expect(build('qemu+ssh://h/session').proxy).toBe('native');
    expect(build('qemu+ssh://h/session?proxy=auto').proxy).toBe('native');
    expect(() => build('qemu+ssh://h/session?proxy=netcat')).toThrow(/socket=/);
  });

  it('socket= and netcat= force netcat; proxy= is honoured', () => {
    expect(resolveProxyMode(parseLibvirtUri('qemu+ssh://h/system?socket=/s'))).toBe('netcat');
    expect(resolveProxyMode(parseLibvirtUri('qemu+ssh://h/system?netcat=/bin/nc'))).toBe('netcat');
    expect(resolveProxyMode(parseLibvirtUri('qemu+ssh://h/system?proxy=native'))).toBe('native');
    expect(resolveProxyMode(parseLibvirtUri('qemu+ssh://h/system?proxy=netcat'))).toBe('netcat');
    expect(resolveProxyMode(parseLibvirtUri('qemu+ssh://h/system?proxy=auto&socket=/s'))).toBe('auto');
    expect(() => resolveProxyMode(parseLibvirtUri('qemu+ssh://h/system?proxy=native&socket=/s'))).toThrow(ConnectionError);
  });

  it('mode=direct picks the driver daemon socket for netcat', () => {
    expect(build('qemu+ssh://h/system?proxy=netcat&mode=direct', true).socketPath).toBe('/var/run/libvirt/virtqemud-sock-ro');
  });

  it('the helper gets the CONNECT_OPEN name', () => {
    expect(build('test+ssh://h/var/lib/x/host.xml?keyfile=/k&proxy=native').command).toBe(
      "sh -c 'exec virt-ssh-helper '\\''test:///var/lib/x/host.xml'\\'''",
    );
  });

  it('quotes single quotes', () => {
    expect(quoteShellWord("it's")).toBe("'it'\\''s'");
  });
});

describe('remote command: run through a login shell', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let withHelper: string;
  let withoutHelper: string;
  let fakeNc: string;

  beforeAll(() => {
    tmp = makeTempDir('cmd');
    withHelper = path.join(tmp.dir, 'bin1');
    withoutHelper = path.join(tmp.dir, 'bin2');
    mkdirSync(withHelper);
    mkdirSync(withoutHelper);
    const script = (file: string, body: string) => {
      writeFileSync(file, `#!/bin/sh\n${body}\n`);
      chmodSync(file, 0o755);
    };
    // Prints its argv, one per line, so quoting mistakes show.
    script(path.join(withHelper, 'virt-ssh-helper'), 'echo helper; for a in "$@"; do echo "[$a]"; done');
    for (const dir of [withHelper, withoutHelper]) {
      for (const tool of ['sh', 'grep'])
        symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(dir, tool));
    }
    fakeNc = path.join(tmp.dir, "my nc's");
    // Like OpenBSD nc: complains about -q without an argument.
    script(
      fakeNc,
      'if [ "$1" = -q ]; then echo "nc: option requires an argument -- q" >&2; exit 1; fi; echo nc; for a in "$@"; do echo "[$a]"; done',
    );
  });
  afterAll(() => tmp.remove());

  // sshd runs the command as `$SHELL -c COMMAND`.
  const runAsLoginShell = (command: string, pathDir: string, shell = '/bin/bash') =>
    execFileSync(shell, ['-c', command], { encoding: 'utf8', env: { PATH: pathDir } });

  it.each(['/bin/bash', '/bin/dash'])('auto runs the helper with the exact name (%s)', (shell) => {
    const name = 'test:///tmp/it\'s a "test" $HOME `x`.xml';
    const parsed = parseLibvirtUri(`test+ssh://h/default?name=${encodeURIComponent(name)}`);
    expect(parsed.name).toBe(name);
    const c = buildRemoteCommand(parsed, true);
    const out = runAsLoginShell(c.command, withHelper, shell);
    expect(out).toBe(`helper\n[-r]\n[${parsed.name}]\n`);
  });

  it('auto falls back to netcat with -q0 and the socket path', () => {
    const c = build(`qemu+ssh://h/system?proxy=auto&netcat=${encodeURIComponent(fakeNc)}&socket=/run/x%20y.sock`);
    expect(runAsLoginShell(c.command, withoutHelper)).toBe('nc\n[-q0]\n[-U]\n[/run/x y.sock]\n');
  });

  it('netcat mode runs netcat even when the helper exists', () => {
    const c = build(`qemu+ssh://h/system?netcat=${encodeURIComponent(fakeNc)}`, true);
    expect(runAsLoginShell(c.command, withHelper)).toBe('nc\n[-q0]\n[-U]\n[/var/run/libvirt/libvirt-sock-ro]\n');
  });
});
