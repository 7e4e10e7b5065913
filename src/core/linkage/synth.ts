import { foldArabic } from '../names/index.js';
import { checkDigitFor } from './identity-number.js';
import { Prng } from './prng.js';
import {
  FAMILY_NAMES,
  FATHER_NAMES,
  FEMALE_NAMES,
  GRANDFATHER_NAMES,
  MALE_NAMES,
  type NameFrequency,
} from './synth-names.js';

/** Settings of a synthetic data set. */
export interface SynthOptions {
  readonly records: number;
  readonly sources: number;
  readonly seed: number;
}

/** One synthetic row in the one-shot linkage format, with its true entity. */
export interface SynthRow {
  readonly source: string;
  readonly recordId: string;
  readonly name: string;
  readonly nameLatin: string;
  readonly sex: string;
  readonly age: string;
  readonly birthDate: string;
  readonly deathDate: string;
  readonly idNumber: string;
  readonly entity: string;
}

interface Person {
  readonly entity: string;
  readonly sex: 'm' | 'f';
  readonly given: NameFrequency;
  readonly father: NameFrequency;
  readonly grandfather: NameFrequency;
  readonly family: NameFrequency;
  readonly birth: string;
  readonly age: number;
  readonly idNumber: string;
}

/** Picks from a frequency table in proportion to the counts. */
class WeightedPicker {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly NameFrequency[]) {
    let sum = 0;
    for (const [, count] of items) this.cumulative.push((sum += count));
    this.total = sum;
  }

  pick(rng: Prng): NameFrequency {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    const item = this.items[lo];
    if (!item) throw new Error('empty name table');
    return item;
  }
}

const REFERENCE_YEAR = 2024;

/**
 * Generates lists from `sources` sources about a shared population, with truth.
 * Sources overlap realistically (each covers 35–85% of the people; about 2% of a
 * source's rows repeat a person already in it); families share father, grandfather
 * and family names (siblings are the hard negatives); names carry the variation seen
 * in real lists: hamza and alef forms, ة/ه, ى/ي, joined or split compounds,
 * PDF-extraction damage, typos, short forms; the last of three or more sources is a
 * monitor writing short names in Latin script with varied transliterations. Ages
 * drift by a year, birth dates go missing or take a default. Same options, same rows.
 */
export function generateSynthetic(options: SynthOptions): SynthRow[] {
  const rng = new Prng(options.seed);
  const sources = Math.max(1, Math.floor(options.sources));
  const coverage = Array.from({ length: sources }, () => 0.35 + rng.next() * 0.5);
  const expectedPerPerson = coverage.reduce((s, c) => s + c, 0) * 1.02;
  const people = Math.max(1, Math.round(options.records / expectedPerPerson));
  // Each part of the name from the real lists' own distribution for that position,
  // rare names included (see synth-names.ts).
  const male = new WeightedPicker(MALE_NAMES);
  const female = new WeightedPicker(FEMALE_NAMES);
  const fathers = new WeightedPicker(FATHER_NAMES);
  const grandfathers = new WeightedPicker(GRANDFATHER_NAMES);
  const family = new WeightedPicker(FAMILY_NAMES);

  const population: Person[] = [];
  for (let i = 0; i < people; i++) {
    const sex: 'm' | 'f' = rng.chance(0.6) ? 'm' : 'f';
    const prev = population[population.length - 1];
    // About a third of people are siblings of the person before them.
    const sibling = prev !== undefined && rng.chance(0.3);
    // Siblings are close in age (in the real lists, three in four pairs of people sharing
    // father, grandfather and family name are less than ten years apart) and do not share
    // a given name (one pair in 1,400 there).
    const age = sibling
      ? Math.min(99, Math.max(0, prev.age + Math.round(gaussian(rng) * 8)))
      : drawAge(rng);
    const year = REFERENCE_YEAR - age;
    const birth = `${year}-${pad(1 + rng.int(12))}-${pad(1 + rng.int(28))}`;
    const firstEight = String(400000000 + rng.int(99999999)).slice(0, 8);
    const names = sex === 'm' ? male : female;
    let given = names.pick(rng);
    for (let k = 0; sibling && k < 10 && foldArabic(given[0]) === foldArabic(prev.given[0]); k++)
      given = names.pick(rng);
    population.push({
      entity: `e${i + 1}`,
      sex,
      given,
      father: sibling ? prev.father : fathers.pick(rng),
      grandfather: sibling ? prev.grandfather : grandfathers.pick(rng),
      family: sibling ? prev.family : family.pick(rng),
      birth,
      age,
      idNumber: firstEight + String(checkDigitFor(firstEight)),
    });
  }

  const rows: SynthRow[] = [];
  for (let s = 0; s < sources; s++) {
    const source = `src${s + 1}`;
    const monitor = sources >= 3 && s === sources - 1;
    const picked: Person[] = [];
    for (const p of population) {
      if (!rng.chance(coverage[s] ?? 0.5)) continue;
      picked.push(p);
      if (rng.chance(0.02)) picked.push(p);
    }
    shuffle(picked, rng);
    picked.forEach((p, k) => rows.push(renderRow(p, source, String(k + 1), monitor, s, rng)));
  }
  // Keep the requested size when the draw overshoots.
  return rows.length > options.records ? rows.slice(0, options.records) : rows;
}

function renderRow(
  p: Person,
  source: string,
  recordId: string,
  monitor: boolean,
  s: number,
  rng: Prng,
): SynthRow {
  const hasBirth = !monitor && rng.chance(0.6);
  const birthDate = hasBirth ? (rng.chance(0.01) ? '2000-01-01' : p.birth) : '';
  const age = rng.chance(0.05) ? '' : String(Math.max(0, p.age - (rng.chance(0.3) ? 1 : 0)));
  const sex = rng.chance(0.01) ? '' : rng.chance(0.003) ? (p.sex === 'm' ? 'f' : 'm') : p.sex;
  const idNumber = !monitor && s % 2 === 0 && rng.chance(0.7) ? mistype(p.idNumber, rng, 0.03) : '';
  if (monitor) {
    const latinOnly = rng.chance(0.6);
    const parts = shortForm(p, rng);
    const name = latinOnly ? '' : parts.map((n) => n[0]).join(' ');
    const nameLatin = latinOnly ? parts.map((n) => latinSpelling(n, rng)).join(' ') : '';
    return {
      source,
      recordId,
      name,
      nameLatin,
      sex,
      age,
      birthDate: '',
      deathDate: '',
      idNumber: '',
      entity: p.entity,
    };
  }
  const chain = [p.given, p.father, p.grandfather, p.family];
  if (rng.chance(0.05)) chain.splice(2, 1);
  const name = damageArabic(chain.map((n) => varyArabic(n[0], rng)).join(' '), rng);
  const nameLatin = chain.map((n) => latinSpelling(n, rng)).join(' ');
  return {
    source,
    recordId,
    name,
    nameLatin,
    sex,
    age,
    birthDate,
    deathDate: '',
    idNumber,
    entity: p.entity,
  };
}

/** A monitor's short form: given + family, sometimes with the father, sometimes a kunya. */
function shortForm(p: Person, rng: Prng): NameFrequency[] {
  const x = rng.next();
  if (x < 0.5) return [p.given, p.family];
  if (x < 0.85) return [p.given, p.father, p.family];
  return [p.given, p.father, p.grandfather, p.family];
}

function varyArabic(name: string, rng: Prng): string {
  let n = name;
  if (rng.chance(0.3)) n = n.replace(/^ا/, 'أ').replace(/^أ/, rng.chance(0.5) ? 'ا' : 'أ');
  if (rng.chance(0.2)) n = n.replace(/ة$/, 'ه').replace(/ي$/, 'ى');
  if (rng.chance(0.3)) n = n.replace(/^عبد(?=\S)/, 'عبد ').replace(/^ابو(?=\S)/, 'ابو ');
  if (rng.chance(0.02) && n.length > 3) {
    const i = 1 + rng.int(n.length - 2);
    n = n.slice(0, i) + rng.pick(['ب', 'ت', 'ن', 'ي', 'ر', 'د']) + n.slice(i + 1);
  }
  return n;
}

/** PDF-extraction damage applied to a whole name, as in the real releases. */
function damageArabic(name: string, rng: Prng): string {
  let n = name;
  if (rng.chance(0.1)) n = n.replaceAll('لا', 'ال').replaceAll('الله', 'هللا');
  if (rng.chance(0.01)) {
    const i = 2 + rng.int(Math.max(1, n.length - 3));
    if (n[i] !== ' ' && n[i - 1] !== ' ') n = `${n.slice(0, i)} ${n.slice(i)}`;
  }
  return n;
}

function latinSpelling(n: NameFrequency, rng: Prng): string {
  const base = rng.pick(n[2].split('|'));
  let t = base;
  if (rng.chance(0.3)) t = t.replace(/^al-/, rng.pick(['el-', 'al ', 'Al', '']));
  if (rng.chance(0.3)) t = t.replace(/ou/g, 'u').replace(/ee/g, 'i');
  if (rng.chance(0.2)) t = t.replace(/mm/g, 'm').replace(/ed$/, 'ad');
  if (rng.chance(0.1)) t = t.replace(/^abu/, 'abou').replace(/^abd/, 'abdel');
  return t.replace(/(^|[\s-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

function mistype(digits: string, rng: Prng, p: number): string {
  if (!rng.chance(p)) return digits;
  const i = rng.int(digits.length);
  return (
    digits.slice(0, i) + String((Number(digits[i]) + 1 + rng.int(8)) % 10) + digits.slice(i + 1)
  );
}

function shuffle<T>(items: T[], rng: Prng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
}

/**
 * Share of each decade of age (0–9, 10–19, …) among the people in the Ministry list of
 * 2024-09-21: casualty lists are young, so people close in age are commoner than under
 * a uniform spread.
 */
const AGE_DECADES = [0.181, 0.188, 0.205, 0.183, 0.094, 0.064, 0.049, 0.026, 0.008, 0.002];

function drawAge(rng: Prng): number {
  let x = rng.next();
  for (let d = 0; d < AGE_DECADES.length; d++) {
    x -= AGE_DECADES[d] ?? 0;
    if (x < 0) return d * 10 + rng.int(10);
  }
  return rng.int(100);
}

/** A standard normal draw (Box–Muller). */
function gaussian(rng: Prng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
