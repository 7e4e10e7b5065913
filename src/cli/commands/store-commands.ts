import type { Command } from 'commander';
import { registerCounts } from '../../db/repositories/register-counts.js';
import { loadDemo } from '../../services/demo/load-demo.js';
import { say, withDatabase } from '../context.js';
import { createProgress, type ProgressReporter } from '../progress.js';
import type { Database } from '../../db/database.js';

/** Loads the demo register with a progress bar per list; shared by `demo` and `serve --demo`. */
export async function loadDemoWithProgress(db: Database): Promise<void> {
  let current: { slug: string; bar: ProgressReporter } | null = null;
  const report = await loadDemo(db, 'system:demo', (slug, p) => {
    if (current?.slug !== slug) {
      current?.bar.stop();
      current = { slug, bar: createProgress(slug, 'rows') };
    }
    current.bar.update(p.bytesRead, p.totalBytes, p.rowsRead);
  });
  (current as { bar: ProgressReporter } | null)?.bar.stop();
  for (const r of report.imports) {
    say(
      r.status === 'duplicate'
        ? `${r.source}: already loaded.`
        : `${r.source}: ${r.rowsAccepted.toLocaleString('en')} records imported, ${r.rowsRejected} rejected (${r.seconds.toFixed(1)} s).`,
    );
  }
  say(`Documents added: ${report.documentsAdded}.`);
}

export function registerStoreCommands(program: Command): void {
  program
    .command('init')
    .description('create the store (or bring its schema up to date) and say where it is')
    .action(async () => {
      await withDatabase(async (db) => {
        const counts = await registerCounts(db);
        say(
          `Store ready: ${db.kind} at ${db.location}. ${counts.records.toLocaleString('en')} records, ${counts.sources} sources.`,
        );
      });
    });
  program
    .command('demo')
    .description(
      'load the demo register (Gaza Ministry of Health lists and five documents); safe to repeat',
    )
    .action(async () => {
      await withDatabase((db) => loadDemoWithProgress(db));
    });
}
