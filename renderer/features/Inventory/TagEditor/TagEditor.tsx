/** Tags as chips, removable, with an input that adds one on Enter or comma (checked before it is saved). */
import { Badge, CloseButton, Group, Text, TextInput } from '@mantine/core';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { tagProblem } from './tag-rules';

interface Props {
  tags: readonly string[];
  onChange: (tags: string[]) => void;
  disabled?: boolean;
  busy?: boolean;
}

export function TagEditor({ tags, onChange, disabled, busy }: Props) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const value = draft.trim();
    if (!value) return;
    const problem = tagProblem(value, tags);
    setError(problem);
    if (problem) return;
    onChange([...tags, value]);
    setDraft('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && !draft && tags.length > 0 && !disabled) {
      onChange(tags.slice(0, -1));
    }
  };
  return (
    <Stack0>
      <Group gap={6} wrap="wrap" data-testid="tag-list">
        {tags.length === 0 && (
          <Text size="sm" c="dimmed">
            No tags.
          </Text>
        )}
        {tags.map((t) => (
          <Badge
            key={t}
            variant="light"
            color="blue"
            size="lg"
            radius="sm"
            style={{ textTransform: 'none', fontWeight: 500 }}
            rightSection={
              !disabled && (
                <CloseButton
                  size="xs"
                  variant="transparent"
                  aria-label={`Remove tag ${t}`}
                  onClick={() => onChange(tags.filter((x) => x !== t))}
                />
              )
            }
            data-testid={`tag-${t}`}
          >
            {t}
          </Badge>
        ))}
      </Group>
      {!disabled && (
        <TextInput
          size="xs"
          placeholder="Add a tag (Enter)"
          aria-label="Add a tag"
          value={draft}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => draft.trim() && add()}
          error={error}
          disabled={busy}
          rightSection={draft ? <CloseButton size="xs" aria-label="Clear" onClick={() => setDraft('')} /> : undefined}
          maw={280}
          data-testid="tag-input"
        />
      )}
    </Stack0>
  );
}

function Stack0({ children }: { children: ReactNode }) {
  return <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>{children}</div>;
}
