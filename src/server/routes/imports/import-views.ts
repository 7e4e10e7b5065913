import type { ImportReport } from '../../../services/import/import-file.js';
import type { RowProblem } from '../../../services/import/row-parser.js';
import type { UploadCheck } from '../../../services/uploads/check-upload.js';
import type { ImportJob } from '../../../services/uploads/import-jobs.js';
import type { PreviewRow } from '../../../services/uploads/preview-rows.js';
import type { Upload } from '../../../services/uploads/upload-store.js';

/** What the API says about an upload: never where it is on disk. */
export function uploadView(upload: Upload, idleMs: number) {
  return {
    id: upload.id,
    fileName: upload.fileName,
    format: upload.format,
    bytes: upload.bytes,
    sha256: upload.sha256,
    uploadedAt: upload.uploadedAt.toISOString(),
    expiresAt: new Date(upload.lastUsedAt.getTime() + idleMs).toISOString(),
    activity: upload.activity,
    checkProgress: upload.checkProgress,
    rejectedRows: upload.rejected?.rows ?? 0,
    job: upload.job ? jobView(upload.job) : null,
  };
}

export function jobView(job: ImportJob) {
  const end = job.finishedAt ?? new Date();
  const seconds = job.startedAt ? (end.getTime() - job.startedAt.getTime()) / 1000 : 0;
  const rows = job.progress?.rowsRead ?? 0;
  return {
    id: job.id,
    state: job.state,
    source: job.source,
    queuedAt: job.queuedAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    progress: {
      rowsRead: rows,
      rowsAccepted: job.progress?.rowsAccepted ?? 0,
      rowsRejected: job.progress?.rowsRejected ?? 0,
      bytesRead: job.progress?.bytesRead ?? 0,
      totalBytes: job.progress?.totalBytes ?? 0,
      seconds,
      rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : 0,
    },
    report: job.report ? reportView(job.report) : null,
    error: job.error,
    errorProblem: job.errorProblem,
  };
}

/**
 * The importer's report, less the place of its rejected-rows file. Values of restricted columns
 * (they appear only in problems with unreadable text) are never shown here.
 */
function reportView(report: ImportReport) {
  const { rejectedPath: _onDisk, problems, warningSamples, ...rest } = report;
  const hide = restrictedColumnsOf(report.mapping);
  return {
    ...rest,
    problems: problems.map((p) => masked(p, hide, new Set())),
    warningSamples: warningSamples.map((p) => masked(p, hide, new Set())),
  };
}

function restrictedColumnsOf(mapping: Record<string, string | null>): Set<string> {
  return new Set(Object.keys(mapping).filter((c) => mapping[c] === 'restricted'));
}

/** A row marked restricted, or whose confidentiality cannot be read (so it may be). */
function isRestrictedRecord(row: PreviewRow): boolean {
  return (
    row.fields.confidentiality === 'restricted' ||
    row.problems.some((p) => p.field === 'confidentiality')
  );
}

/**
 * A problem with its value blanked when the value is restricted. The English reason quotes the
 * value and the translation's parameters may hold part of it, so both lose it too.
 */
export function masked(problem: RowProblem, columns: Set<string>, rows: Set<number>): RowProblem {
  const hidden =
    problem.field === 'restricted' ||
    (problem.column !== null && columns.has(problem.column)) ||
    rows.has(problem.row);
  if (!hidden) return problem;
  const { params: _params, code: _code, ...rest } = problem;
  const reason = problem.value === '' ? rest.reason : rest.reason.split(problem.value).join('…');
  return { ...rest, value: '', reason };
}

/**
 * A check as the caller may see it, by /api/records' rule: without `showRestricted`, rows marked
 * restricted are hidden (their number and whether they would be accepted only), restricted
 * details are left out, and values of restricted columns are blanked in the problems. `shown`
 * lists the rows whose restricted details or restricted record were shown, for the audit trail.
 */
export function checkView(check: UploadCheck, showRestricted: boolean) {
  const hideColumns = showRestricted ? new Set<string>() : restrictedColumnsOf(check.mapping);
  const hiddenRows = new Set<number>();
  const shown: number[] = [];
  const preview = check.preview.map((row) => {
    const restrictedRecord = isRestrictedRecord(row);
    if (restrictedRecord && !showRestricted) {
      hiddenRows.add(row.rowNumber);
      return { rowNumber: row.rowNumber, accepted: row.accepted, hidden: true as const };
    }
    if (showRestricted && (restrictedRecord || row.fields.restricted !== null))
      shown.push(row.rowNumber);
    const { restricted, ...fields } = row.fields;
    return {
      rowNumber: row.rowNumber,
      accepted: row.accepted,
      hidden: false as const,
      raw: row.raw,
      fields: showRestricted ? { ...fields, restricted } : fields,
      problems: row.problems.map((p) => masked(p, hideColumns, hiddenRows)),
      warnings: row.warnings.map((p) => masked(p, hideColumns, hiddenRows)),
    };
  });
  const { options } = check;
  return {
    view: {
      checkedAt: check.checkedAt.toISOString(),
      seconds: check.seconds,
      error: check.error,
      errorProblem: check.errorProblem,
      options: {
        columns: options.columns,
        defaults: options.defaults,
        values: options.valueMaps,
        dateOrder: options.dateOrder,
        encoding: options.encoding,
      },
      format: check.format,
      encoding: check.encoding,
      encodingReason: check.encodingReason,
      encodingEvidence: check.encodingEvidence,
      headers: check.headers,
      mapping: check.mapping,
      conflicts: check.conflicts,
      missingColumns: check.missingColumns,
      counts: check.tally,
      problems: check.problems.map((p) => masked(p, hideColumns, hiddenRows)),
      warnings: check.warnings.map((p) => masked(p, hideColumns, hiddenRows)),
      preview,
      restrictedShown: showRestricted,
    },
    shown,
  };
}
