/**
 * NovaCron's inventory facts about each machine: tags and a free-text note,
 * keyed by host and UUID, kept in the domain's own <metadata> (so another
 * workstation connected to the same host sees them). Search and filtering
 * happen in the renderer over `inventory.list`.
 */
import { z } from 'zod';
import { mutation, method } from './define.js';
import { id, uuid } from './fields.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 32;
export const MAX_NOTE_LENGTH = 4000;

export const tag = z
  .string()
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(MAX_TAG_LENGTH, `a tag is at most ${MAX_TAG_LENGTH} characters`)
  .refine((s) => !CONTROL.test(s), 'a tag must not contain control characters')
  .refine((s) => !s.includes('/'), 'a tag must not contain "/"');

/** Up to MAX_TAGS distinct tags; duplicates (after trimming) are refused rather than silently merged. */
export const tagList = z
  .array(tag)
  .max(MAX_TAGS, `at most ${MAX_TAGS} tags per machine`)
  .refine((t) => new Set(t).size === t.length, 'the same tag is given twice');

/** Free text: newlines and tabs allowed, other control characters not. */
export const note = z
  .string()
  .max(MAX_NOTE_LENGTH, `a note is at most ${MAX_NOTE_LENGTH} characters`)
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s), 'the note contains control characters');

export const InventoryEntry = z.object({
  connectionId: z.string(),
  uuid: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  /** Empty when the machine has no note. */
  note: z.string(),
});
export type InventoryEntry = z.infer<typeof InventoryEntry>;

export const inventoryMethods = {
  /** Every machine's tags and note, of one host or of every connected one. `refresh` re-reads the hosts instead of the cache. */
  'inventory.list': method(z.object({ connectionId: id.optional(), refresh: z.boolean().default(false) }), z.array(InventoryEntry)),
  /** Replaces the machine's tags (written into its domain XML, live and persistent config). */
  'inventory.setTags': mutation(z.object({ connectionId: id, uuid, tags: tagList }), InventoryEntry),
  /** Replaces the machine's note; an empty note removes it. */
  'inventory.setNote': mutation(z.object({ connectionId: id, uuid, note }), InventoryEntry),
} as const;

export const inventoryEvents = {
  /** A machine's tags or note changed (through this NovaCron, or seen on a re-read). */
  'inventory.changed': InventoryEntry,
  /** A host's inventory was re-read or dropped (connected, reconnected, disconnected): fetch it again. */
  'inventory.invalidated': z.object({ connectionId: z.string() }),
} as const;

export const inventoryContract = { methods: inventoryMethods, events: inventoryEvents };
