import { Command } from 'commander';
import { sijilVersion } from '../version.js';

type Register = (program: Command) => void;

// Each command's module is loaded only when that command runs: `sijil dedupe` need not load the
// HTTP server, the XLSX reader or the embedded database. Help loads them all.
const loaders: [names: string[], load: () => Promise<Register>][] = [
  [
    ['init', 'demo'],
    async () => (await import('./commands/store-commands.js')).registerStoreCommands,
  ],
  [['serve'], async () => (await import('./commands/serve-command.js')).registerServeCommand],
  [['import'], async () => (await import('./commands/import-command.js')).registerImportCommand],
  [['sources'], async () => (await import('./commands/sources-command.js')).registerSourcesCommand],
  [['records'], async () => (await import('./commands/records-command.js')).registerRecordsCommand],
  [['export'], async () => (await import('./commands/export-command.js')).registerExportCommand],
  [['audit'], async () => (await import('./commands/audit-command.js')).registerAuditCommand],
  [['user'], async () => (await import('./commands/user-command.js')).registerUserCommand],
  [
    ['backup', 'restore'],
    async () => (await import('./commands/backup-command.js')).registerBackupCommands,
  ],
  [
    ['dedupe', 'synth', 'eval'],
    async () => (await import('./commands/linkage-commands.js')).registerLinkageCommands,
  ],
  [
    ['link', 'link-worker', 'review', 'decide', 'undecide'],
    async () => (await import('./commands/link-command.js')).registerLinkCommand,
  ],
  [['claims'], async () => (await import('./commands/claims-command.js')).registerClaimsCommand],
  [['stats'], async () => (await import('./commands/stats-command.js')).registerStatsCommand],
  [
    ['estimate'],
    async () => (await import('./commands/estimate-command.js')).registerEstimateCommand,
  ],
];

/**
 * Builds the `sijil` command with every subcommand, or only with `only` when it names one.
 * The store is chosen by DATABASE_URL, else SIJIL_DATA (default ./sijil-data).
 */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('sijil')
    .description('Sijil (سجل): a casualty and violations register')
    .version(sijilVersion)
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nStore: DATABASE_URL=postgres://… for a PostgreSQL server, else the embedded store in SIJIL_DATA (default ./sijil-data).',
    );
  const wanted = loaders.filter(([names]) => only !== undefined && names.includes(only));
  for (const [, load] of wanted.length > 0 ? wanted : loaders) (await load())(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await (await buildProgram(argv[2])).parseAsync(argv);
}
