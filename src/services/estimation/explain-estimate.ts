import type { EstimateReport } from './estimate-captures.js';

const whole = (x: number): string => Math.round(x).toLocaleString('en');
const pct = (level: number): string => `${Math.round(level * 100)}%`;

/**
 * The estimate in plain words: the figure and its interval, what was assumed, and
 * what could make it wrong. The unrecorded are a statistical estimate, never
 * people anyone can name, and the text says so.
 */
export function explainEstimate(r: EstimateReport): string[] {
  const lines: string[] = [];
  const lists = r.lists.join(', ');
  lines.push(
    `${whole(r.observed)} people are recorded on at least one of ${r.lists.length} lists (${lists}).`,
  );
  if (r.method === 'chapman' && r.estimate === null) {
    lines.push('', 'Two-list (Chapman) estimates for each pair of lists:');
    for (const p of r.pairs ?? []) {
      lines.push(
        `  ${p.lists[0]} & ${p.lists[1]}: ${whole(p.chapman)} (${pct(r.level)} interval ${whole(p.lower)}–${Number.isFinite(p.upper) ? whole(p.upper) : 'unbounded'}); on both lists: ${whole(p.both)}`,
      );
    }
  } else if (r.estimate !== null) {
    const unseen = r.estimate - r.observed;
    const interval =
      r.lower !== null && r.upper !== null
        ? `${whole(r.lower)} to ${whole(r.upper)}`
        : r.lower !== null
          ? `${whole(r.lower)} to an upper bound the data cannot fix`
          : 'not available';
    lines.push(
      `Estimated total: about ${whole(r.estimate)}, so about ${whole(Math.max(0, unseen))} not on any list.`,
      `${pct(r.level)} ${r.method === 'lcmcr' ? 'credible' : 'confidence'} interval for the total: ${interval}.`,
      'This is a statistical estimate of how many there were, not a count of identified people: those on no list are not known by name, and the figure must never be presented as if they were.',
    );
  }
  lines.push('', ...assumptions(r));
  if (r.warnings.length > 0) {
    lines.push('', 'Cautions about these data:');
    for (const w of r.warnings) lines.push(`  - ${w.message}`);
  }
  return lines;
}

function assumptions(r: EstimateReport): string[] {
  const common =
    'Assumed: the population is closed (the lists cover the same people, place and period), records are correctly matched across lists (a missed or false match moves the estimate), and everyone had some chance of being recorded by some list.';
  switch (r.method) {
    case 'chapman':
      return [
        "Method: Chapman's two-list estimator ((n1+1)(n2+1)/(m+1) − 1), interval log-normal (Chao 1987).",
        common,
        'Also assumed: the two lists are independent and every person is equally likely to be on each. If the same kind of victims tend to appear on both lists (positive dependence, or unequal visibility), the estimate is too low; if the lists avoid each other, too high. These assumptions are rarely true of human-rights lists.',
      ];
    case 'loglinear': {
      const how = r.averaged
        ? `an average over all models weighted by ${r.averaged.criterion.toUpperCase()}, interval log-normal from the averaged standard error (which includes the disagreement between models)`
        : `from the model with the lowest BIC, ${r.model ?? ''}${r.models?.[0]?.terms.length ? ` (interactions ${r.models[0].terms.join(', ')})` : ' (lists independent)'}, interval from the profile likelihood`;
      const count = r.models?.length ?? 0;
      const best = r.models?.[0];
      const close = (r.models ?? []).filter((m) => best && m.bic - best.bic < 2);
      const spread =
        close.length > 1
          ? [
              `${close.length} models, the best included, are within 2 BIC units of the lowest (about equally supported by the data); their estimates range from ${whole(Math.min(...close.map((m) => m.estimate)))} to ${whole(Math.max(...close.map((m) => m.estimate)))}.`,
            ]
          : [];
      return [
        `Method: Poisson log-linear models; ${count} hierarchical models were fitted and the figure is ${how}.`,
        common,
        'Also assumed: dependence between lists is captured by the interaction terms in the model, and the highest-order interaction (all lists together) is absent; that assumption cannot be checked from the data. Models that fit the observed combinations about equally well can give very different totals: compare the models list before relying on one.',
        ...spread,
      ];
    }
    case 'lcmcr': {
      const p = r.posterior;
      return [
        `Method: Bayesian latent-class model (Manrique-Vallier 2016, LCMCR), K=${p?.K ?? ''} classes, ${p?.draws ?? ''} posterior draws from ${chainsText(p?.chains)}, each after a burn-in of ${p?.burnIn.toLocaleString('en') ?? ''}, every ${p?.thinning ?? ''}th sweep, seed ${p?.seed ?? ''}. The figure is the posterior median (mean ${p ? whole(p.mean) : ''}); the interval holds the middle ${pct(r.level)} of the draws.${rHatText(p?.rHat)}`,
        common,
        'Also assumed: people differ in how likely lists are to record them, and that heterogeneity is captured by a few latent groups within which lists record independently. Groups that no list reaches at all are invisible to any method. The figure comes from random draws: another --seed gives a slightly different one; rerun with a few seeds before quoting it.',
      ];
    }
  }
}

function chainsText(chains: number | undefined): string {
  return chains === undefined || chains === 1 ? 'one chain' : `${chains} independent chains`;
}

/** The chains' agreement in words (R̂ needs at least two chains of four draws or more). */
function rHatText(rHat: number | null | undefined): string {
  if (rHat === null || rHat === undefined) return '';
  return rHat <= 1.1
    ? ` The chains agree (R-hat ${rHat.toFixed(2)}; up to 1.1 is fine).`
    : ` The chains disagree (R-hat ${rHat.toFixed(2)}, above 1.1): see the warning.`;
}
