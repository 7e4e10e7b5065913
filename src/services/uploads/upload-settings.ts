import { tmpdir } from 'node:os';

/** How the server keeps uploaded files while they are checked and imported. */
export interface UploadSettings {
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  /** An upload nobody has used for this long is forgotten and its file deleted. */
  idleMs: number;
  /** Where the server makes its private upload folder: the system's temporary folder by default. */
  parentDir: string;
  /** How many rows a check shows as they would be stored. */
  previewRows: number;
}

const megabyte = 1024 * 1024;

/** The upload limit in megabytes, as `SIJIL_UPLOAD_LIMIT_MB` sets it (200 when unset). */
export function uploadLimitFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 200 * megabyte;
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb < 1 || mb > 10_240)
    throw new Error(
      `SIJIL_UPLOAD_LIMIT_MB must be a whole number of megabytes from 1 to 10240, not "${value}"`,
    );
  return mb * megabyte;
}

/** The settings in force: explicit ones (tests, embedding) over the environment's. */
export function uploadSettings(overrides: Partial<UploadSettings> = {}): UploadSettings {
  return {
    maxBytes: overrides.maxBytes ?? uploadLimitFromEnv(process.env.SIJIL_UPLOAD_LIMIT_MB),
    idleMs: overrides.idleMs ?? 60 * 60 * 1000,
    parentDir: overrides.parentDir ?? tmpdir(),
    previewRows: overrides.previewRows ?? 20,
  };
}

/** "200 MB", "64 KB", "900 bytes": sizes in messages. */
export function describeSize(bytes: number): string {
  if (bytes >= megabyte) return `${Number((bytes / megabyte).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
