import { VOLUME_NAME_MAX, volumeNameProblem } from '../../../../shared/contract/volume-transfer';

/** A volume name from a file name: the characters a volume name may not have become "-". */
export function volumeNameFromFile(fileName: string): string {
  let n = fileName
    .replace(/[^A-Za-z0-9._+-]/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+/, '')
    .slice(0, VOLUME_NAME_MAX);
  if (!n) n = 'upload.img';
  return volumeNameProblem(n) ? 'upload.img' : n;
}
