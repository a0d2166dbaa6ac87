/** A change to storage: pending state for the button, the backend's words on failure, the lists re-read either way. */
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api';
import { storageKeys } from './queries';

export function useStorageMutation<I, O>(
  what: string,
  fn: (input: I) => Promise<O>,
  onSuccess?: (out: O, input: I) => void,
  /** false: the dialog shows the error itself. */
  notifyErrors = true,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (out, input) => onSuccess?.(out, input),
    onError: (e) => {
      if (notifyErrors) notifications.show({ color: 'red', title: `${what} failed`, message: errorMessage(e) });
    },
    // storage.changed does this too; doing it here keeps a slow event from leaving a stale row.
    onSettled: () => void client.invalidateQueries({ queryKey: storageKeys.all }),
  });
}
