/** The snapshot name rule without zod, for the CLI (which loads no zod) and the contract alike. */
export const SNAPSHOT_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9 _.+:-]*$/;
export const SNAPSHOT_NAME_MAX = 100;
export const SNAPSHOT_NAME_RULE = 'use letters, digits, spaces and _ . + : - (starting with a letter, digit or _)';

/** Null when `name` is a valid snapshot name, else what is wrong with it. */
export function snapshotNameProblem(name: string): string | null {
  if (name.trim() === '') return 'a snapshot name is required';
  if (name.length > SNAPSHOT_NAME_MAX) return `a snapshot name is at most ${SNAPSHOT_NAME_MAX} characters`;
  if (name.trim() !== name) return 'a snapshot name must not start or end with spaces';
  return SNAPSHOT_NAME_PATTERN.test(name) ? null : SNAPSHOT_NAME_RULE;
}
