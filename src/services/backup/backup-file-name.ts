/** `sijil-backup-2024-09-21T140312Z.tar.gz`: sorts by time, and safe in every file system. */
export function backupFileName(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '');
  return `sijil-backup-${stamp}.tar.gz`;
}
