import { Command, Option } from 'commander';
import { listSourceSummaries, sourceKinds } from '../../db/repositories/source-repository.js';
import { ensureSource } from '../../services/sources/sources-service.js';
import { cliActor, say, withDatabase } from '../context.js';

interface AddFlags {
  nameEn?: string;
  nameAr?: string;
  kind?: (typeof sourceKinds)[number];
  url?: string;
  notes?: string;
  reliability?: 'high' | 'medium' | 'low' | 'unknown';
}

export function registerSourcesCommand(program: Command): void {
  const sources = program
    .command('sources')
    .description('list the sources and what the register holds from each')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const list = await withDatabase((db) => listSourceSummaries(db));
      if (flags.json) return say(JSON.stringify(list, null, 2));
      if (list.length === 0)
        return say('No sources yet: `sijil sources add SLUG --name-en "…"` or `sijil demo`.');
      const width = Math.max(...list.map((s) => s.slug.length), 4);
      say(
        `${'slug'.padEnd(width)}  ${'records'.padStart(9)}  ${'imports'.padStart(7)}  ${'docs'.padStart(4)}  name`,
      );
      for (const s of list) {
        say(
          `${s.slug.padEnd(width)}  ${s.records.toLocaleString('en').padStart(9)}  ${String(s.batches).padStart(7)}  ${String(s.documents).padStart(4)}  ${s.nameEn ?? s.nameAr ?? ''}`,
        );
      }
    });
  sources
    .command('add')
    .description(
      'add a source (an organisation, official list, media outlet, report or witness channel)',
    )
    .argument('<slug>', 'short name: lower-case letters, digits and hyphens')
    .option('--name-en <name>', 'name in English')
    .option('--name-ar <name>', 'name in Arabic')
    .addOption(new Option('--kind <kind>').choices(sourceKinds).default('organisation'))
    .option('--url <url>')
    .option('--notes <text>')
    .addOption(new Option('--reliability <level>').choices(['high', 'medium', 'low', 'unknown']))
    .action(async (slug: string, flags: AddFlags) => {
      const { source, created } = await withDatabase((db) =>
        ensureSource(db, { slug, ...flags }, cliActor()),
      );
      say(
        created
          ? `Added source ${source.slug} (id ${source.id}).`
          : `Source ${source.slug} already exists; nothing changed.`,
      );
    });
}
