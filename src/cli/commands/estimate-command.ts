import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { parseBy, parseWhere } from '../../core/stats/counts/index.js';
import {
  DEFAULT_LCMCR_CHAINS,
  MAX_LCMCR_CHAINS,
  parseCaptureCsv,
  parseStratifiedCaptureCsv,
  prepareStrata,
} from '../../core/stats/estimation/index.js';
import {
  estimateCaptures,
  estimateStrata,
  estimationMethods,
  registerCaptureTable,
  registerStrata,
  explainEstimate,
  saveCaptureStrata,
  saveEstimate,
  saveRegisterStrata,
  savedEstimate,
  savedEstimates,
  type SavedEstimate,
  type EstimateReport,
  type EstimateRequest,
  type EstimationMethod,
} from '../../services/estimation/index.js';
import { cliActor, say, withDatabase } from '../context.js';

interface EstimateFlags {
  captures?: string;
  fromRegister?: boolean;
  method?: EstimationMethod;
  seed?: string;
  json?: boolean;
  average?: boolean;
  weights?: 'bic' | 'aic';
  maxOrder?: string;
  chains?: string;
  lists?: string;
  by?: string;
  where: string[];
  save?: boolean;
  label?: string;
  notes?: string;
}

const whole = (x: number | null): string => (x === null ? '–' : Math.round(x).toLocaleString('en'));

/** Registers `sijil estimate`: multiple systems estimation from capture histories. */
export function registerEstimateCommand(program: Command): void {
  const command = program
    .command('estimate')
    .description(
      'estimate how many people no list recorded (multiple systems estimation) from capture histories',
    )
    .option('--captures <file>', 'CSV: one 0/1 column per list and a count column')
    .option(
      '--from-register',
      'build capture histories from the linked register (one list per source)',
    )
    .option(
      '--where <field=value>',
      'with --from-register: only persons matching (as `sijil stats --where`; repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addOption(
      new Option(
        '--method <method>',
        'estimator (default: loglinear with 3+ lists, else chapman)',
      ).choices(estimationMethods),
    )
    .option('--seed <n>', 'random seed for lcmcr', '1')
    .option(
      '--chains <n>',
      `lcmcr: independent chains, run side by side, each with the whole burn-in (default ${DEFAULT_LCMCR_CHAINS})`,
    )
    .option('--average', 'loglinear: report the model average, not the best-BIC model')
    .addOption(
      new Option('--weights <criterion>', 'loglinear: weights for --average')
        .choices(['bic', 'aic'])
        .default('bic'),
    )
    .option(
      '--max-order <n>',
      'loglinear: highest interaction order (default 3 for 4 lists, else 2)',
    )
    .option('--lists <a,b>', 'chapman: the two lists to use')
    .option(
      '--by <field>',
      'one estimate per value: a stratum column in the file, or a stats field (year, governorate…) with --from-register',
    )
    .option('--json', 'print JSON')
    .option(
      '--save',
      'keep the estimate in the register, with its input and settings (audited); with --by, one per stratum',
    )
    .option('--label <text>', 'with --save: a short name for the kept estimate')
    .option('--notes <text>', 'with --save: notes kept with it')
    .action(async (flags: EstimateFlags) => {
      if (flags.fromRegister && flags.captures)
        throw new Error('give either --captures FILE.csv or --from-register, not both');
      if (!flags.fromRegister && !flags.captures)
        throw new Error(
          'give the capture histories with --captures FILE.csv, or use --from-register',
        );
      if (!flags.fromRegister && flags.where.length > 0)
        throw new Error('--where filters the register: use it with --from-register');
      if (!flags.save && (flags.label !== undefined || flags.notes !== undefined))
        throw new Error('--label and --notes go with --save');
      const seed = Number(flags.seed ?? '1');
      if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a whole number ≥ 0');
      const chains = flags.chains === undefined ? undefined : Number(flags.chains);
      if (
        chains !== undefined &&
        (!Number.isInteger(chains) || chains < 1 || chains > MAX_LCMCR_CHAINS)
      )
        throw new Error(`--chains must be a whole number from 1 to ${MAX_LCMCR_CHAINS}`);
      const maxOrder = flags.maxOrder === undefined ? undefined : Number(flags.maxOrder);
      if (maxOrder !== undefined && !Number.isInteger(maxOrder))
        throw new Error('--max-order must be a whole number');
      const request = (lists: number): EstimateRequest => ({
        method: flags.method ?? (lists >= 3 ? 'loglinear' : 'chapman'),
        seed,
        average: flags.average ?? false,
        weights: flags.weights ?? 'bic',
        ...(maxOrder !== undefined ? { maxOrder } : {}),
        ...(chains !== undefined ? { lcmcr: { chains } } : {}),
        ...(flags.lists ? { lists: flags.lists.split(',').map((s) => s.trim()) } : {}),
      });
      // The register's capture histories come through the stats service, linked persons once each.
      const scope = { where: parseWhere(flags.where) };
      const text = flags.captures ? readFileSync(flags.captures, 'utf8') : '';

      if (flags.by && flags.save) {
        const by = flags.by;
        const save = {
          request: { ...request(0), method: flags.method },
          label: flags.label ?? null,
          notes: flags.notes ?? null,
        };
        const capturesFile = flags.captures;
        const kept = await withDatabase((db) =>
          capturesFile
            ? saveCaptureStrata(
                db,
                prepareStrata(parseStratifiedCaptureCsv(text, by)),
                { name: basename(capturesFile), field: by },
                save,
                cliActor(),
              )
            : saveRegisterStrata(db, parseBy([by])[0]!, scope, save, cliActor()),
        );
        if (flags.json) {
          say(
            JSON.stringify(
              kept.map((k) => ({
                stratum: k.stratum,
                ...(k.saved
                  ? { id: k.saved.id, ...jsonReport(k.saved.result) }
                  : { estimate: null, reason: k.reason }),
              })),
              null,
              2,
            ),
          );
          return;
        }
        for (const k of kept) {
          say(`== ${by} = ${k.stratum} ==`);
          if (!k.saved) {
            say(`  Not kept: ${k.reason}`);
          } else {
            say(`Kept as estimate #${k.saved.id} (${k.saved.label}).`);
            for (const line of explainEstimate(k.saved.result)) say(line);
          }
          say();
        }
        say('Strata are estimated separately; their totals can be added, their intervals cannot.');
        return;
      }

      if (flags.by) {
        const by = flags.by;
        const strata = flags.fromRegister
          ? await withDatabase((db) => registerStrata(db, parseBy([by])[0]!, scope))
          : prepareStrata(parseStratifiedCaptureCsv(text, by));
        const results = await estimateStrata(strata, request);
        if (flags.json) {
          say(
            JSON.stringify(
              results.map((r) => ({
                stratum: r.stratum,
                ...(r.report ? jsonReport(r.report) : { estimate: null }),
                stratumWarnings: r.warnings,
              })),
              null,
              2,
            ),
          );
          return;
        }
        for (const r of results) {
          say(`== ${flags.by} = ${r.stratum} ==`);
          for (const w of r.warnings) say(`  ! ${w}`);
          if (r.report) for (const line of explainEstimate(r.report)) say(line);
          say();
        }
        say('Strata are estimated separately; their totals can be added, their intervals cannot.');
        return;
      }

      let report: EstimateReport;
      if (flags.save) {
        const capturesFile = flags.captures;
        const saved = await withDatabase((db) =>
          saveEstimate(
            db,
            {
              input: capturesFile
                ? { kind: 'captures', table: parseCaptureCsv(text), name: basename(capturesFile) }
                : { kind: 'register', where: scope.where },
              request: { ...request(0), method: flags.method },
              label: flags.label ?? null,
              notes: flags.notes ?? null,
            },
            cliActor(),
          ),
        );
        report = saved.result;
        if (flags.json)
          return say(JSON.stringify({ id: saved.id, ...jsonReport(report) }, null, 2));
        say(`Kept as estimate #${saved.id}${saved.label ? ` (${saved.label})` : ''}.`);
        say();
      } else {
        const table = flags.fromRegister
          ? await withDatabase((db) => registerCaptureTable(db, scope))
          : parseCaptureCsv(text);
        report = await estimateCaptures(table, request(table.lists.length));
      }
      if (flags.json) return say(JSON.stringify(jsonReport(report), null, 2));
      for (const line of explainEstimate(report)) say(line);
      if (report.models) {
        say('');
        say('Models by BIC (best first; showing up to 10):');
        say(
          `  ${'model'.padEnd(22)} ${'estimate'.padStart(9)} ${'interval'.padStart(17)} ${'AIC'.padStart(8)} ${'BIC'.padStart(8)} ${'weight'.padStart(6)}`,
        );
        for (const m of report.models.slice(0, 10)) {
          say(
            `  ${m.name.padEnd(22)} ${whole(m.estimate).padStart(9)} ${`${whole(m.lower)}–${whole(m.upper)}`.padStart(17)} ${m.aic.toFixed(1).padStart(8)} ${m.bic.toFixed(1).padStart(8)} ${m.weight.toFixed(3).padStart(6)}`,
          );
        }
        say(
          '  (list numbers in model names follow the column order: ' +
            report.lists.map((l, i) => `${i + 1}=${l}`).join(', ') +
            ')',
        );
      }
    });
  registerKeptEstimates(command);
}

/** `sijil estimate list` and `sijil estimate show ID`: the estimates kept with --save. */
function registerKeptEstimates(command: Command): void {
  command
    .command('list')
    .description('the estimates kept with --save, newest first')
    .option('--json', 'print JSON')
    .action(async (_options: unknown, cmd: Command) => {
      // `estimate` has its own --json: read it from there too.
      const options = cmd.optsWithGlobals<{ json?: boolean }>();
      const kept = await withDatabase((db) => savedEstimates(db));
      if (options.json) return say(JSON.stringify(kept.map(summaryJson), null, 2));
      if (kept.length === 0) return say('No estimates kept yet: run `sijil estimate … --save`.');
      say(
        `${'id'.padStart(4)}  ${'when'.padEnd(16)}  ${'method'.padEnd(9)}  ${'observed'.padStart(9)}  ${'estimate'.padStart(9)}  ${'interval'.padEnd(19)}  label`,
      );
      for (const e of kept)
        say(
          `${String(e.id).padStart(4)}  ${e.createdAt.slice(0, 16).replace('T', ' ')}  ${e.method.padEnd(9)}  ${whole(e.observed).padStart(9)}  ${whole(e.estimate).padStart(9)}  ${`${whole(e.lower)}–${whole(e.upper)}`.padEnd(19)}  ${e.label ?? ''}`,
        );
    });
  command
    .command('show')
    .description('one kept estimate: what it was computed from, how, and the result')
    .argument('<id>', 'the estimate’s number (see `sijil estimate list`)')
    .option('--json', 'print JSON')
    .action(async (idText: string, _options: unknown, cmd: Command) => {
      const options = cmd.optsWithGlobals<{ json?: boolean }>();
      const id = Number(idText);
      const kept =
        Number.isInteger(id) && id > 0 ? await withDatabase((db) => savedEstimate(db, id)) : null;
      if (!kept) throw new Error(`there is no kept estimate ${idText}`);
      if (options.json) return say(JSON.stringify(kept, null, 2));
      say(`Estimate #${kept.id}${kept.label ? `: ${kept.label}` : ''}`);
      say(`Kept by ${kept.createdBy} on ${kept.createdAt}.`);
      if (kept.notes) say(`Notes: ${kept.notes}`);
      say(`Settings: ${JSON.stringify(kept.settings)}`);
      const input = kept.input as { where?: unknown; sources?: unknown; name?: string };
      if (kept.inputKind === 'register') {
        const s = kept.registerState;
        say(
          `Computed from the linked register: filters ${JSON.stringify(input.where ?? {})}, sources ${JSON.stringify(input.sources ?? 'all')}` +
            (s
              ? `; then ${s.records.toLocaleString('en')} records, ${s.persons.toLocaleString('en')} persons, latest batch ${s.latestBatchId ?? 'none'}, linkage version ${s.linkageVersion}.`
              : '.'),
        );
      } else say(`Computed from capture histories${input.name ? ` (${input.name})` : ''}.`);
      say();
      for (const line of explainEstimate(kept.result)) say(line);
    });
}

function summaryJson(e: SavedEstimate): Record<string, unknown> {
  return {
    id: e.id,
    label: e.label,
    method: e.method,
    observed: e.observed,
    estimate: e.estimate,
    lower: e.lower,
    upper: e.upper,
    level: e.level,
    inputKind: e.inputKind,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
  };
}

/** The JSON shape: the documented keys first, then the method's details. */
function jsonReport(r: EstimateReport): Record<string, unknown> {
  const { method, observed, estimate, lower, upper, ...rest } = r;
  return { method, observed, estimate, lower, upper, ...rest };
}
