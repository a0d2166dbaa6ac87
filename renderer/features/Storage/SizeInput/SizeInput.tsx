/** A size field: an amount and its binary unit side by side under one label, giving whole bytes via toBytes(). */
import { Group, Input, NativeSelect, NumberInput } from '@mantine/core';
import { useId } from 'react';
import { SIZE_UNITS, type SizeUnit } from '../format';

interface Props {
  label: string;
  amount: number | string;
  unit: SizeUnit;
  onChange: (amount: number | string, unit: SizeUnit) => void;
  error?: string | null;
  description?: string;
  testId: string;
  autoFocus?: boolean;
}

export function SizeInput({ label, amount, unit, onChange, error, description, testId, autoFocus }: Props) {
  const id = useId();
  return (
    <Input.Wrapper label={label} description={description} error={error} labelProps={{ htmlFor: id }}>
      <Group gap="xs" wrap="nowrap" mt={description ? 4 : 0}>
        <NumberInput
          id={id}
          value={amount}
          onChange={(v) => onChange(v, unit)}
          min={0}
          decimalScale={2}
          allowNegative={false}
          error={!!error}
          style={{ flex: 1 }}
          data-testid={testId}
          data-autofocus={autoFocus || undefined}
        />
        <NativeSelect
          aria-label={`${label}: unit`}
          data={[...SIZE_UNITS]}
          value={unit}
          onChange={(e) => onChange(amount, e.currentTarget.value as SizeUnit)}
          w={96}
          data-testid={`${testId}-unit`}
        />
      </Group>
    </Input.Wrapper>
  );
}
