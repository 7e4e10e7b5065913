import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { parseBy, parseWhere } from '../../core/stats/counts/index.js';
import {
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
  type EstimateReport,
  type EstimateRequest,
  type EstimationMethod,
} from '../../services/estimation/index.js';
import { say, withDatabase } from '../context.js';

interface EstimateFlags {
  captures?: string;
  fromRegister?: boolean;
  method?: EstimationMethod;
  seed?: string;
  json?: boolean;
  average?: boolean;
  weights?: 'bic' | 'aic';
  maxOrder?: string;
  lists?: string;
  by?: string;
  where: string[];
}

const whole = (x: number | null): string => (x === null ? '–' : Math.round(x).toLocaleString('en'));

/** Registers `sijil estimate`: multiple systems estimation from capture histories. */
export function registerEstimateCommand(program: Command): void {
  program
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
    .action(async (flags: EstimateFlags) => {
      if (flags.fromRegister && flags.captures)
        throw new Error('give either --captures FILE.csv or --from-register, not both');
      if (!flags.fromRegister && !flags.captures)
        throw new Error(
          'give the capture histories with --captures FILE.csv, or use --from-register',
        );
      if (!flags.fromRegister && flags.where.length > 0)
        throw new Error('--where filters the register: use it with --from-register');
      const seed = Number(flags.seed ?? '1');
      if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a whole number ≥ 0');
      const maxOrder = flags.maxOrder === undefined ? undefined : Number(flags.maxOrder);
      if (maxOrder !== undefined && !Number.isInteger(maxOrder))
        throw new Error('--max-order must be a whole number');
      const request = (lists: number): EstimateRequest => ({
        method: flags.method ?? (lists >= 3 ? 'loglinear' : 'chapman'),
        seed,
        average: flags.average ?? false,
        weights: flags.weights ?? 'bic',
        ...(maxOrder !== undefined ? { maxOrder } : {}),
        ...(flags.lists ? { lists: flags.lists.split(',').map((s) => s.trim()) } : {}),
      });
      // The register's capture histories come through the stats service, linked persons once each.
      const scope = { where: parseWhere(flags.where) };
      const text = flags.captures ? readFileSync(flags.captures, 'utf8') : '';

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

      const table = flags.fromRegister
        ? await withDatabase((db) => registerCaptureTable(db, scope))
        : parseCaptureCsv(text);
      const report = await estimateCaptures(table, request(table.lists.length));
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
}

/** The JSON shape: the documented keys first, then the method's details. */
function jsonReport(r: EstimateReport): Record<string, unknown> {
  const { method, observed, estimate, lower, upper, ...rest } = r;
  return { method, observed, estimate, lower, upper, ...rest };
}
