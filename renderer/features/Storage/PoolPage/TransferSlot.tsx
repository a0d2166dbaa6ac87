/**
 * TRANSFER SPOT: where the volume upload (pool toolbar) and download (each
 * volume row) buttons go. They come from renderer/features/Storage/Transfer/.
 */
import { DownloadVolumeButton, UploadVolumeButton } from '../Transfer';

interface Props {
  kind: 'upload' | 'download';
  connectionId: string;
  pool: string;
  volume?: string;
}

export function TransferSlot({ kind, ...props }: Props) {
  return kind === 'upload' ? <UploadVolumeButton {...props} /> : <DownloadVolumeButton {...props} />;
}
