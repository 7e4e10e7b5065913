import { call, post } from './api';

/** The fields a column can feed (src/core/import/column-mapping.ts), in the order shown. */
export const mappableFields = [
  'record_id',
  'name',
  'name_latin',
  'other_names',
  'kunya',
  'sex',
  'age',
  'age_category',
  'birth_date',
  'event_date',
  'place_country',
  'place_governorate',
  'place_locality',
  'place_site',
  'violation',
  'perpetrator',
  'confidentiality',
  'restricted',
] as const;
export type MappableField = (typeof mappableFields)[number];

/** Column → field; null keeps the column verbatim only. */
export type ColumnMapping = Record<string, MappableField | null>;
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256';
export type DateOrder = 'dmy' | 'mdy';

/** How to read a file: sent with every check and with the import. */
export interface ReadOptions {
  columns: ColumnMapping;
  defaults: Partial<Record<MappableField, string>>;
  values: Partial<Record<MappableField, Record<string, string>>>;
  dateOrder: DateOrder;
  encoding: TextEncoding | null;
}

export interface RowProblem {
  row: number;
  column: string | null;
  field: MappableField | null;
  value: string;
  /** In English; `code` and `params`, when the importer gives them, say it in any language. */
  reason: string;
  code?: string;
  params?: Record<string, string | number>;
}

interface DateSpan {
  start: string | null;
  end: string | null;
  precision: string;
}

/** A record's normalised fields (src/core/records/record-fields.ts). */
export interface PreviewFields {
  sourceRecordId: string | null;
  name: string | null;
  nameLatin: string | null;
  otherNames: string[];
  kunya: string | null;
  sex: string | null;
  age: number | null;
  ageCategory: string | null;
  birthDate: DateSpan | null;
  eventDate: DateSpan | null;
  placeCountry: string | null;
  placeGovernorate: string | null;
  placeLocality: string | null;
  placeSite: string | null;
  violation: string | null;
  perpetrator: string | null;
  confidentiality: string | null;
  /** Present only when restricted details were asked for by a role allowed them. */
  restricted?: Record<string, string> | null;
  flags: string[];
}

export type PreviewRow =
  | { rowNumber: number; accepted: boolean; hidden: true }
  | {
      rowNumber: number;
      accepted: boolean;
      hidden: false;
      raw: Record<string, string>;
      fields: PreviewFields;
      problems: RowProblem[];
      warnings: RowProblem[];
    };

export interface RowCounts {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  warnings: number;
}

/** A dry run: what the import would do, with nothing written. */
export interface UploadCheck {
  checkedAt: string;
  seconds: number;
  error: string | null;
  /** The kind of an unreadable file's problem, to say in the reader's language. */
  errorProblem: { code: string; params: Record<string, string | number> } | null;
  options: ReadOptions;
  format: string;
  encoding: string | null;
  encodingReason: string | null;
  encodingEvidence:
    | { code: 'chosen' | 'bom' | 'nul_bytes' | 'empty' | 'ascii' | 'valid_utf8' }
    | { code: 'invalid_utf8'; offset: number }
    | null;
  headers: string[];
  mapping: ColumnMapping;
  conflicts: { field: MappableField; columns: string[] }[];
  missingColumns: string[];
  counts: RowCounts | null;
  problems: RowProblem[];
  warnings: RowProblem[];
  preview: PreviewRow[];
  restrictedShown: boolean;
}

export interface ImportReport extends RowCounts {
  status: 'imported' | 'dry-run' | 'duplicate' | 'too-many-errors';
  source: string;
  sourceCreated: boolean;
  batch: { id: number; finishedAt: string } | null;
  fileName: string;
  seconds: number;
  problems: RowProblem[];
  warningSamples: RowProblem[];
}

export interface ImportJob {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  source: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: {
    rowsRead: number;
    rowsAccepted: number;
    rowsRejected: number;
    bytesRead: number;
    totalBytes: number;
    seconds: number;
    rowsPerSecond: number;
  };
  report: ImportReport | null;
  error: string | null;
  /** Why it failed, for words in the reader's language: a file problem or `server_fault`. */
  errorProblem: { code: string; params: Record<string, string | number> } | null;
}

export interface Upload {
  id: string;
  fileName: string;
  format: string;
  bytes: number;
  sha256: string;
  uploadedAt: string;
  expiresAt: string;
  activity: 'checking' | 'importing' | null;
  checkProgress: { rowsRead: number; bytesRead: number; totalBytes: number } | null;
  rejectedRows: number;
  job: ImportJob | null;
}

export interface ImportLimits {
  maxBytes: number;
  idleMinutes: number;
}

/** Where the source of an import comes from: one already in the register, or a new one. */
export type SourceChoice =
  | { kind: 'existing'; slug: string }
  | { kind: 'new'; slug: string; nameEn: string; nameAr: string };

const include = (restricted: boolean) => (restricted ? '?include=restricted' : '');

export async function fetchImportLimits(): Promise<ImportLimits> {
  return (await call<{ limits: ImportLimits }>('/api/imports')).limits;
}

export async function uploadFile(
  file: File,
  restricted: boolean,
): Promise<{ upload: Upload; check: UploadCheck }> {
  const name = encodeURIComponent(file.name);
  const extra = restricted ? '&include=restricted' : '';
  const res = await post(`/api/imports?name=${name}${extra}`, {
    body: file,
    headers: { accept: 'application/json', 'content-type': 'application/octet-stream' },
  });
  return (await res.json()) as { upload: Upload; check: UploadCheck };
}

export async function fetchUpload(id: string): Promise<Upload> {
  return (await call<{ upload: Upload }>(`/api/imports/${id}`)).upload;
}

export async function fetchCheck(id: string, restricted: boolean): Promise<UploadCheck> {
  return (await call<{ check: UploadCheck }>(`/api/imports/${id}/check${include(restricted)}`))
    .check;
}

export async function checkAgain(
  id: string,
  options: ReadOptions,
  restricted: boolean,
): Promise<{ upload: Upload; check: UploadCheck }> {
  return call(`/api/imports/${id}/check${include(restricted)}`, {
    method: 'POST',
    body: JSON.stringify(options),
  });
}

/**
 * Starts the import and follows it: the server answers with one line of JSON a second until the
 * import ends. A stream rather than polling, because on the embedded store the register (and so
 * every other request) waits while an import's transaction runs. Resolves with the last state.
 */
export async function startImport(
  id: string,
  options: ReadOptions,
  source: SourceChoice,
  onProgress: (upload: Upload) => void,
): Promise<Upload> {
  const newSource =
    source.kind === 'new'
      ? {
          newSource: {
            nameEn: source.nameEn.trim() || null,
            nameAr: source.nameAr.trim() || null,
          },
        }
      : {};
  const res = await post(`/api/imports/${id}/commit`, {
    body: JSON.stringify({ ...options, source: source.slug, ...newSource }),
    headers: { accept: 'application/x-ndjson', 'content-type': 'application/json' },
  });
  let last: Upload | null = null;
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending += value;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.trim() !== '')) {
      last = (JSON.parse(line) as { upload: Upload }).upload;
      onProgress(last);
    }
  }
  if (!last) throw new Error('the server did not say how the import went');
  return last;
}

export async function discardUpload(id: string): Promise<void> {
  await call(`/api/imports/${id}`, { method: 'DELETE' });
}

export function rejectedRowsUrl(id: string, restricted: boolean): string {
  return `/api/imports/${id}/rejected.csv${include(restricted)}`;
}

export async function cancelImport(id: string): Promise<Upload> {
  return (await call<{ upload: Upload }>(`/api/imports/${id}/cancel`, { method: 'POST' })).upload;
}
