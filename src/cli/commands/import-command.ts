import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import {
  isMappableField,
  mappableFields,
  type ColumnMapping,
  type MappableField,
} from '../../core/import/column-mapping.js';
import {
  describeProblem,
  importFile,
  type ImportReport,
} from '../../services/import/import-file.js';
import { cliActor, say, withDatabase } from '../context.js';
import { createProgress } from '../progress.js';

const fieldSchema = z.enum(mappableFields);
const mappingFileSchema = z
  .object({
    columns: z.record(z.string(), z.union([fieldSchema, z.literal(''), z.null()])).optional(),
    defaults: z.partialRecord(fieldSchema, z.string()).optional(),
    values: z.partialRecord(fieldSchema, z.record(z.string(), z.string())).optional(),
    dateOrder: z.enum(['dmy', 'mdy']).optional(),
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1256']).optional(),
    format: z.enum(['csv', 'xlsx', 'json', 'jsonl']).optional(),
    sheet: z.string().optional(),
    delimiter: z.string().length(1).optional(),
  })
  .strict();
export type MappingFile = z.infer<typeof mappingFileSchema>;

/** Reads and checks a mapping file, saying which entry is wrong. */
export function readMappingFile(path: string): MappingFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `cannot read mapping file ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new Error(
      `mapping file ${path} is not valid:\n  ${issues.join('\n  ')}\nfields are: ${mappableFields.join(', ')}`,
    );
  }
  return parsed.data;
}

function pair(flag: string) {
  return (value: string, previous: [string, string][] = []): [string, string][] => {
    const at = value.indexOf('=');
    if (at <= 0)
      throw new InvalidArgumentError(`${flag} takes COLUMN=FIELD (or FIELD=VALUE), got "${value}"`);
    return [...previous, [value.slice(0, at), value.slice(at + 1)]];
  };
}

function maxErrors(value: string): number | string {
  if (/^\d+%$/.test(value)) return value;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'none') return 'none';
  throw new InvalidArgumentError(
    'give a number of rows (100), a share of rows read (5%) or "none"',
  );
}

interface ImportFlags {
  source: string;
  createSource?: boolean;
  map?: [string, string][];
  mapping?: string;
  default?: [string, string][];
  dateOrder?: 'dmy' | 'mdy';
  format?: 'csv' | 'xlsx' | 'json' | 'jsonl';
  encoding?: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256';
  sheet?: string;
  delimiter?: string;
  dryRun?: boolean;
  maxErrors: number | string;
  rejected: string | false;
  json?: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a list (CSV, XLSX, JSON or JSONL) as one batch of a source, atomically')
    .argument('<file>', 'the file to import')
    .requiredOption('-s, --source <slug>', 'the source the list comes from')
    .option('--create-source', 'create the source if it does not exist yet')
    .option(
      '-m, --map <column=field>',
      'map a column to a field ("column=" ignores it); repeatable',
      pair('--map'),
    )
    .option(
      '--mapping <file.json>',
      'a mapping file: {"columns":{…},"defaults":{…},"values":{…},"dateOrder":"dmy"}',
    )
    .option(
      '-d, --default <field=value>',
      'value for a field the file lacks or leaves empty; repeatable',
      pair('--default'),
    )
    .addOption(new Option('--date-order <order>', 'how to read 05/03/2013').choices(['dmy', 'mdy']))
    .addOption(
      new Option('--format <format>', 'file format (default: from the extension)').choices([
        'csv',
        'xlsx',
        'json',
        'jsonl',
      ]),
    )
    .addOption(
      new Option('--encoding <encoding>', 'text encoding (default: detected)').choices([
        'utf-8',
        'utf-16le',
        'utf-16be',
        'windows-1256',
      ]),
    )
    .option('--sheet <name>', 'XLSX sheet (default: the first)')
    .option('--delimiter <char>', 'CSV delimiter (default: detected)')
    .option('--dry-run', 'read and check everything, write nothing')
    .option(
      '--max-errors <n|n%|none>',
      'refuse the whole file past this many rejected rows',
      maxErrors,
      '10%',
    )
    .option('--rejected <file>', 'where to write rejected rows (default: FILE.rejected.csv here)')
    .option('--no-rejected', 'do not write rejected rows to a file')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `\nFields: ${mappableFields.join(', ')}.\nColumns not mapped are kept verbatim with each record. Importing the same file again for the same source does nothing.`,
    )
    .action(async (file: string, flags: ImportFlags) => {
      const mappingFile = flags.mapping ? readMappingFile(flags.mapping) : {};
      const columns: ColumnMapping = {};
      for (const [column, field] of Object.entries(mappingFile.columns ?? {}))
        columns[column] = field === '' ? null : field;
      for (const [column, field] of flags.map ?? []) {
        if (field !== '' && !isMappableField(field)) {
          throw new InvalidArgumentError(
            `--map ${column}=${field}: "${field}" is not a field; fields are ${mappableFields.join(', ')}`,
          );
        }
        columns[column] = field === '' ? null : field;
      }
      const defaults: Partial<Record<MappableField, string>> = { ...mappingFile.defaults };
      for (const [field, value] of flags.default ?? []) {
        if (!isMappableField(field))
          throw new InvalidArgumentError(`--default ${field}=…: "${field}" is not a field`);
        defaults[field] = value;
      }
      const limit = flags.maxErrors;
      const rejectedPath =
        flags.rejected === false
          ? null
          : (flags.rejected ?? `${basename(file, extname(file))}.rejected.csv`);

      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const progress = flags.json ? null : createProgress('import', 'rows');
      try {
        const report = await withDatabase((db) =>
          importFile(db, {
            path: file,
            source: flags.source,
            ...(flags.createSource ? { createSource: { nameEn: flags.source } } : {}),
            actor: cliActor(),
            columns,
            defaults,
            valueMaps: mappingFile.values ?? {},
            dateOrder: flags.dateOrder ?? mappingFile.dateOrder ?? 'dmy',
            format: flags.format ?? mappingFile.format,
            encoding: flags.encoding ?? mappingFile.encoding,
            sheet: flags.sheet ?? mappingFile.sheet,
            delimiter: flags.delimiter ?? mappingFile.delimiter,
            dryRun: flags.dryRun ?? false,
            maxErrors: typeof limit === 'number' ? limit : null,
            maxErrorShare:
              typeof limit === 'string' && limit.endsWith('%')
                ? Number(limit.slice(0, -1)) / 100
                : null,
            rejectedPath,
            signal: controller.signal,
            onProgress: (p) => progress?.update(p.bytesRead, p.totalBytes, p.rowsRead),
          }),
        );
        progress?.stop();
        if (flags.json) say(JSON.stringify(report, null, 2));
        else printReport(report);
        if (report.status === 'too-many-errors') process.exitCode = 2;
      } finally {
        progress?.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

function printReport(r: ImportReport): void {
  const n = (x: number) => x.toLocaleString('en');
  const encoding = r.encoding
    ? `, ${r.encoding}${r.encodingReason ? ` (${r.encodingReason})` : ''}`
    : '';
  if (r.status === 'duplicate') {
    say(
      `${r.fileName} was already imported into ${r.source} as batch ${r.batch?.id} on ${r.batch?.finishedAt}: nothing to do.`,
    );
    return;
  }
  const headline = {
    imported: `Imported ${r.fileName} into source ${r.source}${r.sourceCreated ? ' (new source)' : ''} as batch ${r.batch?.id}`,
    'dry-run': `Checked ${r.fileName} for source ${r.source} (dry run: nothing was written)`,
    'too-many-errors': `Refused ${r.fileName}: too many rows were rejected, so nothing was written`,
  }[r.status];
  say(`${headline} [${r.format}${encoding}].`);
  const mapped = Object.entries(r.mapping).map(([c, f]) => `${c} → ${f ?? '(kept verbatim)'}`);
  say(`Columns: ${mapped.join(', ')}`);
  say(
    `Rows: ${n(r.rowsRead)} read, ${n(r.rowsAccepted)} accepted, ${n(r.rowsRejected)} rejected, ${n(r.warnings)} warnings (${r.seconds.toFixed(1)} s).`,
  );
  if (r.problems.length > 0) {
    say('Problems:');
    for (const p of r.problems.slice(0, 20)) say(`  ${describeProblem(p)}`);
    if (r.rowsRejected > 20) say('  …');
  }
  if (r.warningSamples.length > 0) {
    say('Warnings (rows accepted, check them):');
    for (const w of r.warningSamples.slice(0, 10)) say(`  ${describeProblem(w)}`);
    if (r.warnings > 10) say('  …');
  }
  if (r.rejectedPath)
    say(
      `Rejected rows, with their reasons, are in ${r.rejectedPath}: fix them and import that file again.`,
    );
}
