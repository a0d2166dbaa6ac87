import { describe, expect, it } from 'vitest';
import { lineDiff, withContext } from './line-diff';

const kinds = (before: string, after: string) => lineDiff(before, after).map((l) => `${l.kind[0]}${l.text}`);

describe('lineDiff', () => {
  it('keeps equal texts as they are', () => {
    expect(kinds('a\nb\nc', 'a\nb\nc')).toEqual(['sa', 'sb', 'sc']);
  });
  it('shows a changed line as removed then added, in place', () => {
    expect(kinds('<a>\n  <vcpu>1</vcpu>\n</a>', '<a>\n  <vcpu>2</vcpu>\n</a>')).toEqual([
      's<a>',
      'd  <vcpu>1</vcpu>',
      'a  <vcpu>2</vcpu>',
      's</a>',
    ]);
  });
  it('finds insertions and deletions in the middle', () => {
    expect(kinds('a\nb\nc\nd', 'a\nc\nx\nd')).toEqual(['sa', 'db', 'sc', 'ax', 'sd']);
  });
  it('numbers lines on both sides', () => {
    const d = lineDiff('a\nb', 'x\na\nb');
    expect(d[0]).toEqual({ kind: 'add', text: 'x', oldNo: null, newNo: 1 });
    expect(d[2]).toEqual({ kind: 'same', text: 'b', oldNo: 2, newNo: 3 });
  });
  it('handles everything removed or added', () => {
    expect(kinds('a\nb', '')).toEqual(['da', 'db', 'a']);
  });
  it('shows only context around changes', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const after = before.replace('l10', 'L10');
    const ctx = withContext(lineDiff(before, after), 1);
    expect(ctx.map((l) => (l ? `${l.kind[0]}${l.text}` : '…'))).toEqual(['…', 'sl9', 'dl10', 'aL10', 'sl11', '…']);
  });
});
