import { describe, expect, it } from 'vitest';
import { buildUri, EMPTY_FIELDS, parseUri, portError } from './build-uri';

describe('buildUri', () => {
  it('builds an SSH URI from host, user, port and path', () => {
    expect(buildUri({ host: 'kvm01', user: 'root', port: '2222', path: 'system' })).toBe('qemu+ssh://root@kvm01:2222/system');
    expect(buildUri({ host: 'kvm01', user: '', port: '', path: 'session' })).toBe('qemu+ssh://kvm01/session');
  });
  it('means the local hypervisor without a host', () => {
    expect(buildUri({ ...EMPTY_FIELDS, path: 'session' })).toBe('qemu:///session');
  });
  it('brackets IPv6 literals and escapes the user', () => {
    expect(buildUri({ host: 'fe80::1', user: 'a@b', port: '', path: 'system' })).toBe('qemu+ssh://a%40b@[fe80::1]/system');
  });
});

describe('parseUri', () => {
  it('reads back what buildUri writes', () => {
    const f = { host: 'fe80::1', user: 'ops', port: '22', path: 'system' } as const;
    expect(parseUri(buildUri(f))).toEqual(f);
    expect(parseUri('qemu:///system')).toEqual({ ...EMPTY_FIELDS, host: '' });
  });
  it('declines URIs the fields cannot express', () => {
    expect(parseUri('test+unix:///tmp/host.xml')).toBeNull();
    expect(parseUri('qemu+ssh://root@h/system?keyfile=/k')).toBeNull();
  });
});

describe('portError', () => {
  it('accepts empty and valid ports only', () => {
    expect(portError('')).toBeUndefined();
    expect(portError('22')).toBeUndefined();
    expect(portError('0')).toBeDefined();
    expect(portError('70000')).toBeDefined();
    expect(portError('ssh')).toBeDefined();
  });
});
