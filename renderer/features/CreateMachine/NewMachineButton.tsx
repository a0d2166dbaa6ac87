/** The Machines header's "New machine" button and its wizard (on the host the list is filtered to, if any). */
import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { CreateMachineWizard } from './CreateMachineWizard';

export function NewMachineButton({ host }: { host: string | null }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)} data-testid="new-machine">
        New machine
      </Button>
      {open && <CreateMachineWizard initialHost={host} onClose={close} />}
    </>
  );
}
