import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../../../electron/libvirt/errors.js';
import { createDialer } from '../../../electron/libvirt/transport/dial.js';
import { isSessionUri, parseLibvirtUri } from '../../../electron/libvirt/transport/uri.js';

function expectUnsupported(uri: string, message: RegExp): void {
  let caught: unknown;
  try {
    parseLibvirtUri(uri);
  } catch (err) {
    caught = err;
  }
  expect(caught, uri).toBeInstanceOf(ConnectionError);
  expect((caught as ConnectionError).kind).toBe('unsupported');
  expect((caught as ConnectionError).message).toMatch(message);
}

describe('parseLibvirtUri: names sent in CONNECT_OPEN', () => {
  it.each([
    ['qemu:///system', 'qemu:///system'],
    ['qemu:///session', 'qemu:///session'],
    ['test+unix:///default', 'test:///default'],
    ['test+unix:///var/lib/x/testhost.xml', 'test:///var/lib/x/testhost.xml'],
    ['qemu+ssh://root@127.0.0.1:2222/system?keyfile=x&no_verify=1', 'qemu:///system'],
    ['test+ssh://root@127.0.0.1:2222/default', 'test:///default'],
    ['test+ssh://root@127.0.0.1:2222/var/lib/x/h.xml?keyfile=/k&known_hosts=/kh', 'test:///var/lib/x/h.xml'],
    ['test:///default?foo=bar', 'test:///default?foo=bar'],
    ['qemu+tls://host.example.com/system?pkipath=/p&foo=1&no_sanity=1&bar', 'qemu:///system?foo=1&bar'],
    ['qemu+tcp://h/system?auth=sasl.digest-md5&authfile=/a&mode=legacy', 'qemu:///system'],
    ['qemu+ssh://h/system?socket=/s&netcat=/bin/nc&proxy=netcat&sshauth=agent&no_tty=1', 'qemu:///system'],
    ['qemu+ssh://h/system?known_hosts_verify=normal&tls_priority=NORMAL', 'qemu:///system'],
    ['qemu+ssh://h/system?name=qemu:///embed', 'qemu:///embed'],
    ['qemu+ssh://h/system?name=qemu%3A%2F%2F%2Fsystem%3Ffoo%3D1', 'qemu:///system?foo=1'],
    ['test:///a%20b.xml', 'test:///a%20b.xml'],
    ['QEMU+SSH://h/system', 'qemu:///system'],
    ['qemu://host/system', 'qemu:///system'],
    ['remote://host/', ''],
  ])('%s -> %s', (uri, name) => {
    expect(parseLibvirtUri(uri).name).toBe(name);
  });
});

describe('parseLibvirtUri: parts', () => {
  it('takes an ssh URI apart', () => {
    const p = parseLibvirtUri('qemu+ssh://root@127.0.0.1:2222/system?keyfile=/k%20ey&no_verify=1');
    expect(p).toMatchObject({ driver: 'qemu', transport: 'ssh', user: 'root', host: '127.0.0.1', port: 2222, path: '/system' });
    expect(p.params.get('keyfile')).toBe('/k ey');
    expect(p.params.get('no_verify')).toBe('1');
  });

  it('no transport and no host is unix; a host without transport is tls', () => {
    expect(parseLibvirtUri('qemu:///system')).toMatchObject({ transport: 'unix', path: '/system' });
    expect(parseLibvirtUri('qemu:///system').host).toBeUndefined();
    expect(parseLibvirtUri('qemu://kvm1.example.com/system')).toMatchObject({ transport: 'tls', host: 'kvm1.example.com' });
  });

  it('maps libssh and libssh2 to ssh', () => {
    expect(parseLibvirtUri('qemu+libssh://u@h/system').transport).toBe('ssh');
    expect(parseLibvirtUri('qemu+libssh2://u@h/system').transport).toBe('ssh');
  });

  it('parses IPv6 literals in brackets', () => {
    const p = parseLibvirtUri('qemu+ssh://root@[::1]:2222/system');
    expect(p).toMatchObject({ host: '::1', port: 2222, name: 'qemu:///system' });
    expect(parseLibvirtUri('qemu+tls://[fe80::1%25eth0]/system').host).toBe('fe80::1%eth0');
  });

  it('keeps the last value of a repeated key and accepts ";" as a separator', () => {
    const p = parseLibvirtUri('qemu+ssh://h/system?keyfile=/a;keyfile=/b&flag');
    expect(p.params.get('keyfile')).toBe('/b');
    expect(p.params.get('flag')).toBe('');
    expect(p.name).toBe('qemu:///system?flag');
  });

  it('keeps "+" literal in params (libvirt does not decode it)', () => {
    expect(parseLibvirtUri('qemu+ssh://h/system?keyfile=/a+b').params.get('keyfile')).toBe('/a+b');
  });

  it('trims surrounding whitespace', () => {
    expect(parseLibvirtUri('  qemu:///system\n').uri).toBe('qemu:///system');
  });

  it('knows session URIs', () => {
    expect(isSessionUri(parseLibvirtUri('qemu:///session'))).toBe(true);
    expect(isSessionUri(parseLibvirtUri('qemu:///system'))).toBe(false);
  });

  it('accepts an empty path', () => {
    expect(parseLibvirtUri('qemu+ssh://h').path).toBe('');
  });
});

describe('parseLibvirtUri: errors', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['system', /expected driver/],
    ['/var/run/libvirt/libvirt-sock', /expected driver/],
    ['qemu:/system', /must be followed by "\/\/"/],
    ['qemu+:///system', /empty transport/],
    ['qemu+foo://h/system', /unknown transport "foo"/],
    ['qemu+ssh:///system', /needs a host/],
    ['qemu+tcp:///system', /needs a host/],
    ['qemu+tls:///system', /needs a host/],
    ['qemu+ssh://h:0/system', /bad port/],
    ['qemu+ssh://h:65536/system', /bad port/],
    ['qemu+ssh://h:22x/system', /bad port/],
    ['qemu+ssh://h:/system', /bad port/],
    ['qemu+ssh://h:-1/system', /bad port/],
    ['qemu+ssh://:22/system', /needs a host/],
    ['qemu+unix://host/system', /unix URI names no user, host or port/],
    ['qemu+ssh://root:secret@h/system', /passwords in URIs/],
    ['qemu+ssh://@h/system', /empty user/],
    ['qemu+ssh://::1/system', /IPv6 address must be written in brackets/],
    ['qemu+ssh://[::1/system', /unterminated/],
    ['qemu+ssh://[zz]/system', /not an IPv6 address/],
    ['qemu+ssh://bad_host!/system', /not a valid host name/],
    ['qemu+ssh://h/system#frag', /fragments/],
    ['qemu+ssh://h/system?proxy=magic', /proxy=magic is not one of auto, netcat, native/],
    ['qemu+ssh://h/system?mode=fast', /mode=fast/],
    ['qemu+ssh://h/system?no_verify=yes', /no_verify=yes is not a number/],
    ['qemu+ssh://h/system?keyfile=', /keyfile= needs a value/],
    ['qemu+ssh://h/system?sshauth=agent,gssapi', /sshauth: unknown method "gssapi"/],
    ['qemu+ssh://h/system?command=/usr/bin/ssh', /command= .* not supported/],
    ['qemu+ssh://h/system?keyfile=%zz', /bad percent-encoding/],
    ['qemu+ssh://h/sys tem', /whitespace/],
    ['qemu+ext:///system', /"ext" transport/],
  ])('%j is refused', (uri, message) => expectUnsupported(uri, message));
});

describe('createDialer', () => {
  it('picks the transport and describes it', () => {
    expect(createDialer('qemu+tcp://h/system').dialer.description).toBe('tcp h:16509');
    expect(createDialer('qemu+tls://h:1234/system').dialer.description).toBe('tls h:1234');
    expect(createDialer('qemu+ssh://root@h/system').dialer.description).toBe(
      'ssh root@h:22 (virt-ssh-helper, else nc -U /var/run/libvirt/libvirt-sock)',
    );
    expect(createDialer('qemu:///system?socket=/tmp/x.sock').dialer.description).toBe('unix /tmp/x.sock');
    expect(createDialer('qemu+ssh://[::1]:2222/system', { readOnly: true }).dialer.description).toMatch(
      /^ssh \S+@\[::1\]:2222 \(virt-ssh-helper, else nc -U \/var\/run\/libvirt\/libvirt-sock-ro\)$/,
    );
  });

  it('returns the parsed URI with the CONNECT_OPEN name', () => {
    expect(createDialer('test+unix:///default').parsed.name).toBe('test:///default');
  });

  it('refuses a bad timeout', () => {
    expect(() => createDialer('qemu+tcp://h/system', { timeoutMs: 0 })).toThrow(ConnectionError);
  });
});
