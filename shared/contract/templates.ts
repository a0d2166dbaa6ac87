/**
 * Machine templates with versions: each version is a copy of a shut-off
 * machine's first writable disk (a qcow2 "template volume" in the same pool)
 * plus its definition, kept in NovaCron's library. New machines are made from
 * a version as a linked clone (a qcow2 overlay backed by the template volume)
 * or a full copy, on the template's host or on another connected one.
 */
import { z } from 'zod';
import { method, mutation } from './define.js';
import { id, plainText, uuid } from './fields.js';

/** Letters, digits and _ . - (starting with a letter or digit): safe in a volume name, a shell and XML alike. */
export const TEMPLATE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
export const TEMPLATE_NAME_RULE = 'use 1-63 letters, digits, "_", "." or "-", starting with a letter or digit';
export const TEMPLATE_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
export const TEMPLATE_VERSION_RULE = 'use 1-32 letters, digits, "_", "." or "-", starting with a letter or digit';
/** A new machine's name: the same safe alphabet, a little longer. */
export const MACHINE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export const templateName = z.string().trim().regex(TEMPLATE_NAME_PATTERN, `template name: ${TEMPLATE_NAME_RULE}`);
export const templateVersion = z.string().trim().regex(TEMPLATE_VERSION_PATTERN, `version: ${TEMPLATE_VERSION_RULE}`);
export const newMachineName = z
  .string()
  .trim()
  .regex(MACHINE_NAME_PATTERN, 'machine name: use 1-100 letters, digits, "_", "." or "-", starting with a letter or digit');

/** A machine made from a version (found by the <novacron:template> element in its metadata). */
export const TemplateUser = z.object({ connectionId: z.string(), host: z.string(), uuid: z.string(), name: z.string() });
export type TemplateUser = z.infer<typeof TemplateUser>;

export const TemplateVersion = z.object({
  version: z.string(),
  description: z.string(),
  createdAt: z.number(),
  /** The machine it was made from, by name (it may be gone since). */
  sourceMachine: z.string(),
  pool: z.string(),
  volume: z.string(),
  volumePath: z.string(),
  capacityBytes: z.number(),
  defaults: z.object({ vcpus: z.number().int(), memoryMiB: z.number().int(), networks: z.array(z.string()) }),
  /** Copies of the template volume on other hosts (made by a cross-host instantiate, deleted with the version). */
  copies: z.array(z.object({ connectionId: z.string(), pool: z.string(), volume: z.string() })),
  /** Machines on the connected hosts made from this version. */
  users: z.array(TemplateUser),
});
export type TemplateVersion = z.infer<typeof TemplateVersion>;

export const Template = z.object({
  name: z.string(),
  /** The host holding the template volumes. */
  connectionId: z.string(),
  hostUri: z.string(),
  createdAt: z.number(),
  /** Oldest first. */
  versions: z.array(TemplateVersion),
});
export type Template = z.infer<typeof Template>;

const fromMachine = {
  connectionId: id,
  uuid,
  /** Default: the next number after the highest numeric version (1 for a new template). */
  version: templateVersion.optional(),
  description: plainText(1000).default(''),
};

export const TemplateCreateInput = z.object({ ...fromMachine, name: templateName });
export const TemplatePublishInput = z.object({ ...fromMachine, name: templateName });

export const TemplateInstantiateInput = z.object({
  name: templateName,
  /** Default: the newest version. */
  version: templateVersion.optional(),
  newName: newMachineName,
  mode: z.enum(['linked', 'full']).default('linked'),
  /** The host of the new machine; default the template's own. */
  connectionId: id.optional(),
  /** The pool there; default the template's pool name. */
  pool: z.string().trim().regex(TEMPLATE_NAME_PATTERN, 'not a pool name').optional(),
  start: z.boolean().default(false),
});

export const InstantiateResult = z.object({ connectionId: z.string(), uuid: z.string(), name: z.string(), volume: z.string() });

export const templateMethods = {
  'templates.list': method(z.object({}), z.array(Template)),
  'templates.create': mutation(TemplateCreateInput, Template),
  'templates.publish': mutation(TemplatePublishInput, Template),
  'templates.instantiate': mutation(TemplateInstantiateInput, InstantiateResult),
  /** Refused while machines use the version; deletes its template volume (and copies on other hosts). */
  'templates.deleteVersion': mutation(
    z.object({ name: templateName, version: templateVersion }),
    z.object({ deletedVolumes: z.array(z.string()) }),
  ),
  /** Every version, under the same refusal rule. */
  'templates.delete': mutation(z.object({ name: templateName }), z.object({ deletedVolumes: z.array(z.string()) })),
} as const;

export const templateEvents = {
  /** The library changed (a template or version made or deleted, a machine made from one): re-read it. */
  'templates.changed': z.object({}),
} as const;

export const templatesContract = { methods: templateMethods, events: templateEvents };
