/** A line diff of two XML texts: changed lines with a little context, numbered on both sides. */
import { Text } from '@mantine/core';
import { useMemo } from 'react';
import { lineDiff, withContext } from './line-diff';
import classes from './XmlCard.module.css';

export function XmlDiff({ before, after }: { before: string; after: string }) {
  const lines = useMemo(() => withContext(lineDiff(before, after)), [before, after]);
  const changes = lines.filter((l) => l && l.kind !== 'same').length;
  if (changes === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="xml-diff-empty">
        No changes.
      </Text>
    );
  return (
    <pre className={classes.code} data-testid="xml-diff" data-changes={changes}>
      {lines.map((l, i) =>
        l === null ? (
          <span key={i} className={`${classes.line} ${classes.gap}`}>
            ⋯
          </span>
        ) : (
          <span
            key={i}
            className={`${classes.line} ${l.kind === 'add' ? classes.add : l.kind === 'del' ? classes.del : ''}`}
            data-kind={l.kind}
          >
            <span className={classes.no}>
              {l.kind === 'add' ? '+' : l.kind === 'del' ? '−' : ' '} {l.oldNo ?? l.newNo}
            </span>
            {l.text}
          </span>
        ),
      )}
    </pre>
  );
}
