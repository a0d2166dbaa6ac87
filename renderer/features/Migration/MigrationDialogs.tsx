/** The open migration dialog, mounted once above the pages (App.tsx): see dialogs.ts for why. */
import { BulkMigrateDialog } from './BulkMigrateDialog/BulkMigrateDialog';
import { closeMigrationDialog, useMigrationDialog } from './dialogs';
import { EvacuateDialog } from './EvacuateDialog/EvacuateDialog';
import { MigrateDialog } from './MigrateDialog/MigrateDialog';

export function MigrationDialogs() {
  const d = useMigrationDialog();
  if (!d) return null;
  if (d.kind === 'migrate') return <MigrateDialog subject={d.subject} onClose={closeMigrationDialog} />;
  if (d.kind === 'bulk') return <BulkMigrateDialog subjects={d.subjects} onClose={closeMigrationDialog} />;
  return <EvacuateDialog connectionId={d.connectionId} onClose={closeMigrationDialog} />;
}
