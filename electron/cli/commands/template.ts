/**
 * `template list|create|instantiate|delete`: the backend's template service
 * (electron/backend/templates/service.ts) over the CLI's clients, so the app
 * and the CLI make, use and delete templates the same way.
 *
 * Where the library lives: the app's own document (db.json in its data dir,
 * $NOVACRON_DATA_DIR or the platform default, like `audit export`), opened
 * with the app's store. So a template made here is the app's template and
 * the other way round. The app holds the document in memory while it runs:
 * change templates from the CLI while the app is closed (or give the CLI a
 * separate NOVACRON_DATA_DIR), else the app's next write may undo the CLI's.
 *
 * Hosts: a template remembers its host's URI. The CLI reaches it through
 * --connect (the template's host: create, delete, a local instantiate) and
 * --host URI (another target for instantiate, opened with the same key and
 * known_hosts options). A connection the app knows keeps the app's id, so
 * the app finds the template's host too.
 */
import type { z } from 'zod';
import { newMachineName, templateName, templateVersion, type Template } from '../../../shared/contract/templates.js';
import { AppError } from '../../backend/errors.js';
import { createLocalControl } from '../../backend/jobs/jobs.js';
import { createMemoryLogger } from '../../backend/log.js';
import { defaultDataDir } from '../../backend/paths.js';
import { openStore } from '../../backend/store/store.js';
import {
  createTemplate,
  deleteTemplate,
  deleteTemplateVersion,
  instantiateTemplate,
  listTemplates,
  publishVersion,
  type TemplateEnv,
} from '../../backend/templates/service.js';
import { lookupDomainByName, uuidToString, type LibvirtClient } from '../../libvirt/index.js';
import { UsageError } from '../args.js';
import { clientOf, type CliCommand, type CommandContext } from '../command.js';
import { openClient } from '../connect.js';
import { printJson, printTable } from '../output.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function parse<T>(schema: z.ZodType<T>, value: string, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new UsageError(`invalid ${what} "${value.replace(/[^\x20-\x7e]/g, '?')}": ${r.error.issues[0]?.message ?? 'not allowed'}`);
  return r.data;
}

/** NAME or NAME@VERSION. */
function parseRef(ref: string): { name: string; version: string | undefined } {
  const at = ref.lastIndexOf('@');
  if (at < 0) return { name: parse(templateName, ref, 'template name'), version: undefined };
  return { name: parse(templateName, ref.slice(0, at), 'template name'), version: parse(templateVersion, ref.slice(at + 1), 'version') };
}

/** A host the app has no connection for is named by its URI, recoverably (base64url after this prefix). */
const CLI_ID = 'cli-';

/** The CLI's environment: the app's store, and the clients of this run by URI. */
async function cliEnv(
  x: CommandContext,
  extra: LibvirtClient | null = null,
  extraUri = '',
): Promise<{ env: TemplateEnv; idOf(uri: string): string }> {
  const store = await openStore(defaultDataDir(), createMemoryLogger());
  const idOf = (uri: string) =>
    store.data.connections.find((c) => c.uri === uri)?.id ?? `${CLI_ID}${Buffer.from(uri).toString('base64url')}`;
  const uriOf = (id: string) =>
    store.data.connections.find((c) => c.id === id)?.uri ??
    store.data.templates.find((t) => t.connectionId === id)?.hostUri ??
    (id.startsWith(CLI_ID) ? Buffer.from(id.slice(CLI_ID.length), 'base64url').toString() : id);
  const main = clientOf(x);
  const clients = new Map<string, LibvirtClient>([[idOf(x.global.connect), main]]);
  if (extra) clients.set(idOf(extraUri), extra);
  const env: TemplateEnv = {
    library: { read: () => store.data.templates, update: (fn) => store.update((d) => fn(d.templates)) },
    client(id) {
      const c = clients.get(id);
      if (!c) {
        const uri = uriOf(id);
        // The template's own host is reached by --connect; a host holding only a copy of its volume, by --host.
        const own = store.data.templates.some((t) => t.hostUri === uri);
        throw new AppError(
          'not-connected',
          `The template's volumes are also on ${uri}: run again with ${own ? '--connect' : '--host'} ${uri}.`,
        );
      }
      return c;
    },
    uriOf,
    hosts: () => [...clients.entries()].map(([connectionId, c]) => ({ connectionId, host: uriOf(connectionId), c })),
    runJob: (info, work) => {
      if (!x.global.json) process.stderr.write(`novacron: ${info.title}\n`);
      return work(createLocalControl());
    },
  };
  return { env, idOf };
}

function printTemplates(all: Template[]): void {
  if (all.length === 0) {
    process.stdout.write('no templates\n');
    return;
  }
  printTable(
    ['Template', 'Version', 'Volume', 'From', 'Created', 'Used by', 'Description'],
    all.flatMap((t) =>
      t.versions.map((v) => [
        t.name,
        v.version,
        `${v.pool}/${v.volume}`,
        v.sourceMachine,
        new Date(v.createdAt).toISOString(),
        v.users.map((u) => u.name).join(', '),
        v.description,
      ]),
    ),
  );
}

async function listCommand(x: CommandContext): Promise<void> {
  const { env } = await cliEnv(x);
  const all = await listTemplates(env);
  if (x.global.json) return printJson(all);
  printTemplates(all);
}

async function createCommand(x: CommandContext): Promise<void> {
  const name = parse(templateName, x.operands[0]!, 'template name');
  const from = x.opts['--from'];
  if (typeof from !== 'string') throw new UsageError('template create needs --from VM (a shut-off machine)');
  const version = typeof x.opts['--version'] === 'string' ? parse(templateVersion, x.opts['--version'], 'version') : undefined;
  const description = typeof x.opts['--description'] === 'string' ? x.opts['--description'] : '';
  if (description.length > 1000 || CONTROL.test(description)) {
    throw new UsageError('--description is at most 1000 characters, without control characters');
  }
  const { env, idOf } = await cliEnv(x);
  const uuid = uuidToString((await lookupDomainByName(clientOf(x), from)).uuid);
  const input = { connectionId: idOf(x.global.connect), uuid, name, version, description };
  // An existing template gets a new version; a new name makes a new template.
  const exists = env.library.read().some((t) => t.name === name);
  const t = exists ? await publishVersion(env, input) : await createTemplate(env, input);
  const made = t.versions.at(-1)!;
  if (x.global.json) return printJson(t);
  process.stdout.write(`Template '${name}' version ${made.version} made from '${from}' (${made.pool}/${made.volume})\n`);
}

async function instantiateCommand(x: CommandContext): Promise<void> {
  const { name, version } = parseRef(x.operands[0]!);
  const newName = parse(newMachineName, x.operands[1]!, 'machine name');
  if (x.opts['--linked'] === true && x.opts['--full'] === true) throw new UsageError('give --linked or --full, not both');
  const mode = x.opts['--full'] === true ? 'full' : 'linked';
  const host = typeof x.opts['--host'] === 'string' ? x.opts['--host'] : null;
  const pool = typeof x.opts['--pool'] === 'string' ? x.opts['--pool'] : undefined;
  const extra = host && host !== x.global.connect ? await openClient({ ...x.global, connect: host }) : null;
  try {
    const { env, idOf } = await cliEnv(x, extra, host ?? '');
    const r = await instantiateTemplate(env, {
      name,
      version,
      newName,
      mode,
      connectionId: host ? idOf(host) : undefined,
      pool,
      start: x.opts['--start'] === true,
    });
    if (x.global.json) return printJson({ name: r.name, uuid: r.uuid, volume: r.volume, host: env.uriOf(r.connectionId) });
    process.stdout.write(`Domain '${r.name}' created from template '${name}${version ? `@${version}` : ''}' (${mode}, disk ${r.volume})\n`);
  } finally {
    await extra?.close();
  }
}

async function deleteCommand(x: CommandContext): Promise<void> {
  const { name, version } = parseRef(x.operands[0]!);
  // --host: a host holding a copy of the version's volume (made by a cross-host instantiate), deleted with it.
  const host = typeof x.opts['--host'] === 'string' ? x.opts['--host'] : null;
  const extra = host && host !== x.global.connect ? await openClient({ ...x.global, connect: host }) : null;
  try {
    const { env } = await cliEnv(x, extra, host ?? '');
    const deleted = version === undefined ? await deleteTemplate(env, name) : await deleteTemplateVersion(env, name, version);
    if (x.global.json) return printJson({ deletedVolumes: deleted });
    process.stdout.write(`Template '${name}${version ? `@${version}` : ''}' deleted (volumes: ${deleted.join(', ') || 'none'})\n`);
  } finally {
    await extra?.close();
  }
}

export const templateCommands: CliCommand[] = [
  { path: ['template', 'list'], operands: [], connects: true, run: listCommand },
  {
    path: ['template', 'create'],
    operands: ['NAME'],
    options: { '--from': 'value', '--version': 'value', '--description': 'value' },
    connects: true,
    run: createCommand,
  },
  {
    path: ['template', 'instantiate'],
    operands: ['NAME[@VERSION]', 'NEWVM'],
    options: { '--linked': 'flag', '--full': 'flag', '--host': 'value', '--pool': 'value', '--start': 'flag' },
    connects: true,
    run: instantiateCommand,
  },
  { path: ['template', 'delete'], operands: ['NAME[@VERSION]'], options: { '--host': 'value' }, connects: true, run: deleteCommand },
];
