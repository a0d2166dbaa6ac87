/** Volume upload and download: the buttons the Storage area renders in its pool toolbar and volume rows. */
export { DownloadVolumeButton } from './DownloadVolumeButton';
export { UploadVolumeButton } from './UploadVolumeButton';
