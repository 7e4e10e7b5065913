import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import {
  countFieldNames,
  countFields,
  parseBy,
  parseWhere,
  UNKNOWN,
  type CountFilters,
} from '../../core/stats/counts/index.js';
import {
  captureHistoriesCsv,
  compareSources,
  countPersons,
  personsBehindCount,
  recordsBehindPersons,
  type CountResult,
  type SourceComparison,
} from '../../services/stats/index.js';
import { say, withDatabase } from '../context.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('give a whole number of at least 1');
  return n;
}

/** Lays out rows as aligned columns; numbers (right-aligned) are told by `numeric`. */
function columns(header: string[], rows: string[][], numeric: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function describeWhere(where: CountFilters): string {
  const parts = Object.entries(where).map(
    ([f, values]) => `${f}=${values.map((v) => v ?? UNKNOWN).join(',')}`,
  );
  return parts.length > 0 ? ` matching ${parts.join(' and ')}` : '';
}

function printCounts(result: CountResult): void {
  if (result.by.length > 0) {
    const rows = result.groups.map((g) => [
      ...result.by.map((f) => g.values[f] ?? UNKNOWN),
      g.persons.toLocaleString('en'),
    ]);
    const numeric = [...result.by.map(() => false), true];
    for (const line of columns([...result.by, 'persons'], rows, numeric)) say(line);
    say();
  }
  say(`${result.total.toLocaleString('en')} unique persons${describeWhere(result.where)}.`);
  if (result.inSeveralGroups > 0)
    say(
      `${result.inSeveralGroups.toLocaleString('en')} of them are in more than one group (their records give several values), so the groups add up to more.`,
    );
}

function printComparison(c: SourceComparison): void {
  const n = (x: number) => x.toLocaleString('en');
  const rows = c.sources.map((s) => [s.source, n(s.records), n(s.persons), n(s.onlyHere)]);
  for (const line of columns(['source', 'records', 'persons', 'only here'], rows, [
    false,
    true,
    true,
    true,
  ]))
    say(line);
  say();
  say(`${n(c.records)} records, ${n(c.persons)} unique persons${describeWhere(c.where)}.`);
  if (c.pairs.length > 0) {
    say();
    say('Persons both sources recorded:');
    const pairRows = c.pairs.map((p) => [p.sources[0], p.sources[1], n(p.persons)]);
    for (const line of columns(['source', 'and source', 'persons'], pairRows, [false, false, true]))
      say(`  ${line}`);
  }
  if (c.captures.length > 0) {
    say();
    say('Capture histories (persons recorded by exactly these sources):');
    const names = c.sources.map((s) => s.source);
    const histRows = c.captures.map((h) => [
      ...names.map((s) => (h.sources.includes(s) ? 'x' : '.')),
      n(h.count),
    ]);
    for (const line of columns([...names, 'persons'], histRows, [...names.map(() => false), true]))
      say(`  ${line}`);
  }
}

interface SharedFlags {
  where: string[];
  json?: boolean;
}

/**
 * A subcommand's --where and --json, wherever they were typed: unless the program enables
 * positional options, commander gives options named by both `stats` and its subcommand to `stats`.
 */
function sharedFlags(sub: Command): SharedFlags {
  const own = sub.opts<Partial<SharedFlags>>();
  const parent = sub.parent?.opts<Partial<SharedFlags>>() ?? {};
  return {
    where: [...(parent.where ?? []), ...(own.where ?? [])],
    json: Boolean(parent.json) || Boolean(own.json),
  };
}

const fieldHelp = countFieldNames.map((f) => `  ${f}: ${countFields[f].description}`).join('\n');

/**
 * `sijil stats`: unique-person counts (with breakdowns, filters and the persons behind them),
 * `stats sources` (per-source figures, overlaps, capture histories), `stats captures` (CSV for
 * `sijil estimate`) and `stats person` (the records behind persons).
 */
export function registerStatsCommand(program: Command): void {
  const stats = program
    .command('stats')
    .description('count unique persons (linked records), broken down and filtered')
    // Options after a subcommand's name belong to the subcommand.
    .enablePositionalOptions()
    .option('--by <field...>', 'break down by these fields (several allowed)', collect, [])
    .option(
      '--where <field=value>',
      'keep persons matching (repeatable; a,b for either)',
      collect,
      [],
    )
    .option('--persons', 'list the ids of the persons behind the count instead')
    .option('--after <id>', 'with --persons: persons after this id (paging)', positive)
    .option('--limit <n>', 'with --persons: at most this many (up to 1000)', positive, 100)
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `\nFields:\n${fieldHelp}\n\nA value of "unknown" asks for persons with none recorded. Filters on violation, dates, places and\nperpetrator must hold on one record; sex and age are one value per person.`,
    )
    .action(
      async (flags: {
        by: string[];
        where: string[];
        persons?: boolean;
        after?: number;
        limit: number;
        json?: boolean;
      }) => {
        const where = parseWhere(flags.where);
        if (flags.persons) {
          if (flags.by.length > 0)
            throw new InvalidArgumentError(
              '--persons lists one count: give the group as --where filters instead of --by',
            );
          const ids = await withDatabase((db) =>
            personsBehindCount(db, where, { afterId: flags.after, limit: flags.limit }),
          );
          if (flags.json) say(JSON.stringify({ where, persons: ids }));
          else for (const id of ids) say(String(id));
          return;
        }
        const result = await withDatabase((db) =>
          countPersons(db, { by: parseBy(flags.by), where }),
        );
        if (flags.json) say(JSON.stringify(result));
        else printCounts(result);
      },
    );

  stats
    .command('sources')
    .description(
      'per source: records, unique persons, persons only it recorded, pair overlaps, capture histories',
    )
    .option('--where <field=value>', 'only persons matching (repeatable)', collect, [])
    .option('--source <slug>', 'only these sources, in this order (repeatable)', collect, [])
    .option('--json', 'print JSON')
    .action(async (flags: { source: string[] }, cmd: Command) => {
      const shared = sharedFlags(cmd);
      const where = parseWhere(shared.where);
      const result = await withDatabase((db) =>
        compareSources(db, {
          where,
          sources: flags.source.length > 0 ? flags.source : undefined,
        }),
      );
      if (shared.json) say(JSON.stringify(result));
      else printComparison(result);
    });

  stats
    .command('captures')
    .description(
      'capture histories as CSV (0/1 per source and a count), for `sijil estimate --captures`',
    )
    .option('--where <field=value>', 'only persons matching (repeatable)', collect, [])
    .option('--source <slug>', 'only these sources, in this order (repeatable)', collect, [])
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (flags: { source: string[]; output?: string }, cmd: Command) => {
      const where = parseWhere(sharedFlags(cmd).where);
      const csv = await withDatabase((db) =>
        captureHistoriesCsv(db, {
          where,
          sources: flags.source.length > 0 ? flags.source : undefined,
        }),
      );
      if (flags.output) {
        await writeFile(flags.output, csv);
        process.stderr.write(`Wrote capture histories to ${flags.output}.\n`);
      } else process.stdout.write(csv);
    });

  stats
    .command('person')
    .description('the records behind persons')
    .argument('<id...>', 'person ids')
    .option('--json', 'print JSON lines')
    .action(async (ids: string[], _flags: unknown, cmd: Command) => {
      const json = sharedFlags(cmd).json;
      const personIds = ids.map(positive);
      const persons = await withDatabase((db) => recordsBehindPersons(db, personIds));
      for (const p of persons) {
        if (json) {
          say(JSON.stringify(p));
          continue;
        }
        say(`person ${p.personId}: ${p.records.length} record(s)`);
        for (const r of p.records) {
          const facts = [
            r.sex,
            r.age === null ? null : `age ${r.age}`,
            r.violation,
            r.eventDate.start
              ? r.eventDate.start === r.eventDate.end
                ? r.eventDate.start
                : `${r.eventDate.start}…${r.eventDate.end ?? ''}`
              : null,
            [r.place.site, r.place.locality, r.place.governorate, r.place.country]
              .filter(Boolean)
              .join(', ') || null,
            r.perpetrator ? `by ${r.perpetrator}` : null,
          ]
            .filter(Boolean)
            .join('; ');
          say(
            `  #${r.id}  ${r.source}  ${r.sourceRecordId ?? '-'}  ${r.name ?? ''}${r.nameLatin ? ` / ${r.nameLatin}` : ''}${facts ? `  (${facts})` : ''}`,
          );
        }
      }
    });
}
