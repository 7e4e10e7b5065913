import { Command } from 'commander';
import { registerAuditCommand } from './commands/audit-command.js';
import { registerClaimsCommand } from './commands/claims-command.js';
import { registerEstimateCommand } from './commands/estimate-command.js';
import { registerLinkCommand } from './commands/link-command.js';
import { registerExportCommand } from './commands/export-command.js';
import { registerImportCommand } from './commands/import-command.js';
import { registerLinkageCommands } from './commands/linkage-commands.js';
import { registerRecordsCommand } from './commands/records-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerSourcesCommand } from './commands/sources-command.js';
import { registerStatsCommand } from './commands/stats-command.js';
import { registerStoreCommands } from './commands/store-commands.js';
import { registerUserCommand } from './commands/user-command.js';

/** Builds the `sijil` command. The store is chosen by DATABASE_URL, else SIJIL_DATA (default ./sijil-data). */
export function buildProgram(): Command {
  const program = new Command('sijil')
    .description('Sijil (سجل): a casualty and violations register')
    .version('0.1.0')
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nStore: DATABASE_URL=postgres://… for a PostgreSQL server, else the embedded store in SIJIL_DATA (default ./sijil-data).',
    );
  registerStoreCommands(program);
  registerServeCommand(program);
  registerImportCommand(program);
  registerSourcesCommand(program);
  registerRecordsCommand(program);
  registerExportCommand(program);
  registerAuditCommand(program);
  registerUserCommand(program);
  registerLinkageCommands(program);
  registerLinkCommand(program);
  registerClaimsCommand(program);
  registerStatsCommand(program);
  registerEstimateCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
