import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { tagProblem } from './tag-rules';
import { TagEditor } from './TagEditor';

function Harness({ initial }: { initial: string[] }) {
  const [tags, setTags] = useState(initial);
  return (
    <MantineProvider>
      <TagEditor tags={tags} onChange={setTags} />
      <output data-testid="value">{tags.join('|')}</output>
    </MantineProvider>
  );
}

const type = (text: string) => {
  const input = screen.getByTestId('tag-input');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
};

describe('tag rules', () => {
  it('accepts a plain tag', () => expect(tagProblem('web', [])).toBeNull());
  it('refuses a slash, a duplicate, an over-long tag and a 21st', () => {
    expect(tagProblem('a/b', [])).toMatch(/"\/"/);
    expect(tagProblem('web', ['web'])).toMatch(/already/);
    expect(tagProblem('x'.repeat(33), [])).toMatch(/at most 32/);
    expect(
      tagProblem(
        't21',
        Array.from({ length: 20 }, (_, i) => `t${i}`),
      ),
    ).toMatch(/at most 20 tags/);
  });
});

describe('TagEditor', () => {
  it('adds a tag on Enter, trimmed, and removes one with its button', () => {
    render(<Harness initial={['db']} />);
    type('  prod ');
    expect(screen.getByTestId('value').textContent).toBe('db|prod');
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag db' }));
    expect(screen.getByTestId('value').textContent).toBe('prod');
  });
  it('shows why a tag is refused and keeps the list', () => {
    render(<Harness initial={['db']} />);
    type('db');
    expect(screen.getByText('“db” is already there')).toBeTruthy();
    type('a/b');
    expect(screen.getByText('a tag must not contain "/"')).toBeTruthy();
    expect(screen.getByTestId('value').textContent).toBe('db');
  });
});
