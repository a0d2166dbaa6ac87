import { ConnectionError } from '../errors.js';

export type TransportName = 'unix' | 'tcp' | 'tls' | 'ssh';

/** A libvirt URI taken apart: `driver[+transport]://[user@][host][:port]/path[?params]`. */
export interface ParsedUri {
  /** The URI as given (trimmed). */
  uri: string;
  /** Hypervisor driver, lower case: 'qemu', 'test', 'xen', ... */
  driver: string;
  transport: TransportName;
  user?: string;
  /** Host name or IP address; IPv6 literals without their brackets. */
  host?: string;
  port?: number;
  /** The path, percent-decoded: '/system', '/session', '/var/lib/x/host.xml', or ''. */
  path: string;
  /** Query parameters, percent-decoded; a repeated key keeps its last value. */
  params: Map<string, string>;
  /** What CONNECT_OPEN must carry: the URI without transport, host, port, user and our own params. */
  name: string;
}

/** Query parameters the client side of libvirt consumes itself; they never reach the daemon. */
export const CONSUMED_PARAMS: ReadonlySet<string> = new Set([
  'name',
  'command',
  'socket',
  'auth',
  'sshauth',
  'netcat',
  'keyfile',
  'pkipath',
  'known_hosts',
  'known_hosts_verify',
  'tls_priority',
  'mode',
  'proxy',
  'no_sanity',
  'no_verify',
  'no_tty',
  'authfile',
]);

const TRANSPORTS: Record<string, TransportName> = {
  unix: 'unix',
  tcp: 'tcp',
  tls: 'tls',
  ssh: 'ssh',
  // libvirt's libssh/libssh2 transports are SSH done in-process, which is what we do.
  libssh: 'ssh',
  libssh2: 'ssh',
};

const ENUM_PARAMS: Record<string, readonly string[]> = {
  proxy: ['auto', 'netcat', 'native'],
  mode: ['auto', 'legacy', 'direct'],
  known_hosts_verify: ['normal', 'auto', 'ignore'],
};
const FLAG_PARAMS = ['no_verify', 'no_tty', 'no_sanity'];
const PATH_PARAMS = ['socket', 'netcat', 'keyfile', 'pkipath', 'known_hosts', 'authfile'];
export const SSH_AUTH_METHODS = ['agent', 'privkey', 'password', 'keyboard-interactive'] as const;
export type SshAuthMethod = (typeof SSH_AUTH_METHODS)[number];

const SCHEME_RE = /^([A-Za-z][A-Za-z0-9_-]*)(?:\+([^:]*))?:(.*)$/s;
const HOSTNAME_RE = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const IPV6_RE = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;

function fail(uri: string, problem: string): never {
  throw new ConnectionError('unsupported', `invalid libvirt URI "${uri}": ${problem}`);
}

function decode(uri: string, text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return fail(uri, `bad percent-encoding in ${what} "${text}"`);
  }
}

/**
 * Parses a libvirt connection URI. Throws ConnectionError('unsupported') with a message that
 * says what is wrong. Rules as libvirt's remote driver: no transport and no host means unix,
 * no transport with a host means tls; `ext` (a local program) is not supported.
 */
export function parseLibvirtUri(input: string): ParsedUri {
  const uri = input.trim();
  if (uri === '') fail(input, 'the URI is empty (e.g. qemu:///system, qemu+ssh://root@host/system)');
  if ([...uri].some((c) => c <= ' ' || c === '\x7f')) fail(uri, 'it contains whitespace or control characters (percent-encode them)');

  const scheme = SCHEME_RE.exec(uri);
  if (!scheme) fail(uri, 'expected driver[+transport]://[user@][host][:port]/path, e.g. qemu:///system');
  const driver = scheme[1]!.toLowerCase();
  const transportText = scheme[2]?.toLowerCase();
  const rest = scheme[3]!;
  if (!rest.startsWith('//')) fail(uri, `"${driver}:" must be followed by "//" (e.g. ${driver}:///system)`);

  // Split authority / path / query / fragment.
  const afterSlashes = rest.slice(2);
  const authorityEnd = afterSlashes.search(/[/?#]/);
  const authority = authorityEnd < 0 ? afterSlashes : afterSlashes.slice(0, authorityEnd);
  let tail = authorityEnd < 0 ? '' : afterSlashes.slice(authorityEnd);
  if (tail.includes('#')) fail(uri, 'fragments ("#...") are not allowed');
  const queryAt = tail.indexOf('?');
  const rawQuery = queryAt < 0 ? '' : tail.slice(queryAt + 1);
  tail = queryAt < 0 ? tail : tail.slice(0, queryAt);
  const rawPath = tail;
  const path = decode(uri, rawPath, 'the path');

  const { user, host, port } = parseAuthority(uri, authority);
  const { params, kept } = parseQuery(uri, rawQuery);

  let transport: TransportName;
  if (transportText === undefined) {
    transport = host === undefined ? 'unix' : 'tls';
  } else if (transportText === '') {
    fail(uri, 'empty transport after "+" (expected unix, tcp, tls or ssh)');
  } else if (transportText === 'ext') {
    throw new ConnectionError(
      'unsupported',
      `the "ext" transport of "${uri}" runs a local program; NovaCron cannot use it (use ssh, tls, tcp or unix)`,
    );
  } else {
    const known = TRANSPORTS[transportText];
    if (known === undefined) {
      throw new ConnectionError('unsupported', `unknown transport "${transportText}" in "${uri}" (expected unix, tcp, tls or ssh)`);
    }
    transport = known;
  }

  if (transport === 'unix') {
    if (host !== undefined || user !== undefined || port !== undefined) {
      fail(uri, 'a unix URI names no user, host or port (for a remote host use +ssh, +tls or +tcp)');
    }
  } else if (host === undefined) {
    fail(uri, `the ${transport} transport needs a host (e.g. ${driver}+${transport}://host/system)`);
  }
  if (path !== '' && !path.startsWith('/')) fail(uri, 'the path must start with "/"');

  validateParams(uri, params);

  const name = buildOpenName(driver, rawPath, kept, params);
  const parsed: ParsedUri = { uri, driver, transport, path, params, name };
  if (user !== undefined) parsed.user = user;
  if (host !== undefined) parsed.host = host;
  if (port !== undefined) parsed.port = port;
  return parsed;
}

function parseAuthority(uri: string, authority: string): { user?: string; host?: string; port?: number } {
  const out: { user?: string; host?: string; port?: number } = {};
  let hostPort = authority;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userInfo = authority.slice(0, at);
    hostPort = authority.slice(at + 1);
    if (userInfo.includes(':')) fail(uri, 'passwords in URIs are not supported (NovaCron asks for them)');
    if (userInfo === '') fail(uri, 'empty user name before "@"');
    out.user = decode(uri, userInfo, 'the user name');
  }

  let hostText: string;
  let portText: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) fail(uri, 'unterminated "[" in the host');
    hostText = hostPort.slice(1, close);
    const after = hostPort.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) fail(uri, `unexpected "${after}" after "]"`);
    if (after !== '') portText = after.slice(1);
    if (!IPV6_RE.test(hostText) || !hostText.includes(':')) fail(uri, `"[${hostText}]" is not an IPv6 address`);
    hostText = decode(uri, hostText, 'the IPv6 zone'); // fe80::1%25eth0 -> fe80::1%eth0
  } else {
    const colons = hostPort.split(':').length - 1;
    if (colons > 1) fail(uri, 'an IPv6 address must be written in brackets, e.g. [::1]:22');
    const colon = hostPort.indexOf(':');
    hostText = colon < 0 ? hostPort : hostPort.slice(0, colon);
    if (colon >= 0) portText = hostPort.slice(colon + 1);
    if (hostText !== '' && !HOSTNAME_RE.test(hostText)) fail(uri, `"${hostText}" is not a valid host name`);
  }

  if (portText !== undefined) {
    if (!/^[0-9]{1,5}$/.test(portText)) fail(uri, `bad port "${portText}" (expected a number from 1 to 65535)`);
    const port = Number(portText);
    if (port < 1 || port > 65535) fail(uri, `bad port ${port} (expected 1 to 65535)`);
    if (hostText === '') fail(uri, 'a port needs a host');
    out.port = port;
  }
  if (hostText !== '') out.host = hostText;
  else if (out.user !== undefined) fail(uri, 'a user needs a host');
  return out;
}

/** Splits on "&" and ";" (as libvirt does). `kept` are the raw segments that go on to the daemon. */
function parseQuery(uri: string, rawQuery: string): { params: Map<string, string>; kept: string[] } {
  const params = new Map<string, string>();
  const kept: string[] = [];
  for (const segment of rawQuery.split(/[&;]/)) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const key = decode(uri, eq < 0 ? segment : segment.slice(0, eq), 'a parameter name');
    const value = eq < 0 ? '' : decode(uri, segment.slice(eq + 1), `parameter "${key}"`);
    if (key === '') fail(uri, `parameter "${segment}" has no name`);
    params.set(key, value);
    if (!CONSUMED_PARAMS.has(key)) kept.push(segment);
  }
  return { params, kept };
}

function validateParams(uri: string, params: Map<string, string>): void {
  for (const [key, allowed] of Object.entries(ENUM_PARAMS)) {
    const value = params.get(key);
    if (value !== undefined && !allowed.includes(value)) {
      fail(uri, `${key}=${value} is not one of ${allowed.join(', ')}`);
    }
  }
  for (const key of FLAG_PARAMS) {
    const value = params.get(key);
    if (value !== undefined && !/^[0-9]+$/.test(value)) fail(uri, `${key}=${value} is not a number (use ${key}=1)`);
  }
  for (const key of PATH_PARAMS) {
    if (params.get(key) === '') fail(uri, `${key}= needs a value`);
  }
  const sshauth = params.get('sshauth');
  if (sshauth !== undefined) {
    for (const method of sshauth.split(',')) {
      if (!(SSH_AUTH_METHODS as readonly string[]).includes(method)) {
        fail(uri, `sshauth: unknown method "${method}" (expected ${SSH_AUTH_METHODS.join(', ')})`);
      }
    }
  }
  if (params.has('command')) {
    throw new ConnectionError(
      'unsupported',
      `"${uri}": command= (a local ssh program) is not supported; NovaCron speaks SSH itself, drop the parameter`,
    );
  }
}

function buildOpenName(driver: string, rawPath: string, kept: string[], params: Map<string, string>): string {
  const override = params.get('name');
  if (override !== undefined) return override;
  // "remote://host/" asks the daemon to pick its default hypervisor: an empty name probes.
  if (driver === 'remote') return '';
  return `${driver}://${rawPath}${kept.length > 0 ? `?${kept.join('&')}` : ''}`;
}

/** True for per-user (session) URIs: their sockets live in the user's runtime directory. */
export function isSessionUri(parsed: ParsedUri): boolean {
  return parsed.path === '/session';
}

/** libvirt's flag params: anything but 0 means on. */
export function isFlagSet(parsed: ParsedUri, key: string): boolean {
  const value = parsed.params.get(key);
  return value !== undefined && Number(value) !== 0;
}
