import { useRef } from 'react';

/** The latest non-null value: keeps a closing modal's content on screen during its exit transition. */
export function useLastPresent<T>(value: T | null): T | null {
  const last = useRef<T | null>(value);
  if (value !== null) last.current = value;
  return value ?? last.current;
}
