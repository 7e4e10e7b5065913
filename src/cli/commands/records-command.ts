import { Command, InvalidArgumentError } from 'commander';
import { findRecords } from '../../services/records/find-records.js';
import { say, withDatabase } from '../context.js';

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('give a whole number of at least 1');
  return n;
}

export function registerRecordsCommand(program: Command): void {
  program
    .command('records')
    .description('list records, optionally those whose names contain every word searched')
    .option(
      '--search <text>',
      'words to find in any name (Arabic letter variants and Latin case ignored)',
    )
    .option('--source <slug>', 'only this source')
    .option('--limit <n>', 'at most this many (up to 1000)', positive, 20)
    .option('--after <id>', 'records after this id (paging)', positive)
    .option('--json', 'print JSON lines')
    .action(
      async (flags: {
        search?: string;
        source?: string;
        limit: number;
        after?: number;
        json?: boolean;
      }) => {
        const records = await withDatabase((db) =>
          findRecords(db, {
            search: flags.search,
            source: flags.source,
            limit: flags.limit,
            afterId: flags.after,
          }),
        );
        for (const r of records) {
          if (flags.json) {
            say(JSON.stringify(r));
            continue;
          }
          const facts = [
            r.sex,
            r.age === null ? null : `age ${r.age}`,
            r.birthDate.start ? `born ${r.birthDate.start}` : null,
            r.violation,
          ]
            .filter(Boolean)
            .join(', ');
          say(
            `#${r.id}  ${r.source}  ${r.sourceRecordId ?? '-'}  ${r.name ?? ''}${r.nameLatin ? ` / ${r.nameLatin}` : ''}${facts ? `  (${facts})` : ''}`,
          );
        }
        if (!flags.json && records.length === 0) say('No records found.');
      },
    );
}
