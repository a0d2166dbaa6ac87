/**
 * How a template is kept in the library (the store's `templates` collection):
 * what the contract shows, without the live `users`, plus each version's
 * definition (source machine's inactive XML without UUID, MAC addresses and
 * other writable disks) and the disk target the template volume belongs to.
 */
import { z } from 'zod';
import { TemplateVersion } from '../../../shared/contract/templates.js';

export const StoredTemplateVersion = TemplateVersion.omit({ users: true }).extend({
  definitionXml: z.string().min(1),
  /** The target (vda...) of the disk the template volume replaces. */
  diskTarget: z.string().min(1),
});
export type StoredTemplateVersion = z.infer<typeof StoredTemplateVersion>;

export const StoredTemplate = z.object({
  name: z.string().min(1),
  connectionId: z.string().min(1),
  hostUri: z.string().min(1),
  createdAt: z.number(),
  versions: z.array(StoredTemplateVersion),
});
export type StoredTemplate = z.infer<typeof StoredTemplate>;

/** The library as the app (its lowdb store) and the CLI (the same file, see cli/commands/template.ts) both see it. */
export interface TemplateLibrary {
  read(): readonly StoredTemplate[];
  /** Applies `fn` to a copy of the collection and persists the result. */
  update(fn: (templates: StoredTemplate[]) => void): Promise<void>;
}
