/** Checking a tag the way the backend will (the contract's own schema), before it is sent. */
import { tag, tagList } from '../../../../shared/contract/inventory';

/** Why this tag cannot be added to the list, or null. */
export function tagProblem(candidate: string, current: readonly string[]): string | null {
  const parsed = tag.safeParse(candidate);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'not a valid tag';
  if (current.includes(parsed.data)) return `“${parsed.data}” is already there`;
  const list = tagList.safeParse([...current, parsed.data]);
  if (!list.success) return list.error.issues[0]?.message ?? 'too many tags';
  return null;
}
