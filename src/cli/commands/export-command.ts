import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Command, Option } from 'commander';
import { exportRecords, type ExportFormat } from '../../services/export/export-records.js';
import { cliActor, withDatabase } from '../context.js';

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export records as CSV (safe to open in a spreadsheet), JSON or JSON lines')
    .addOption(new Option('--format <format>').choices(['csv', 'json', 'jsonl']).default('csv'))
    .option('--source <slug>', 'only this source')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option(
      '--include-restricted',
      'include restricted records and details (witnesses, contacts): audited',
    )
    .action(
      async (flags: {
        format: ExportFormat;
        source?: string;
        output?: string;
        includeRestricted?: boolean;
      }) => {
        const out = flags.output ? createWriteStream(flags.output) : process.stdout;
        const count = await withDatabase((db) =>
          exportRecords(db, out, {
            format: flags.format,
            source: flags.source,
            includeRestricted: flags.includeRestricted ?? false,
            actor: cliActor(),
          }),
        );
        if (flags.output) {
          const closed = once(out, 'close');
          out.end();
          await closed;
          process.stderr.write(
            `Exported ${count.toLocaleString('en')} records to ${flags.output}.\n`,
          );
        }
      },
    );
}
