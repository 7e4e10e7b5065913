/**
 * Regenerates src/core/linkage/synth-names.ts, the name frequencies of synthetic lists,
 * from the shared Gaza Ministry of Health releases (../shared/data/gaza-moh, public
 * domain). Run from the repository root: `npx tsx bench/link-names-table.ts`.
 *
 * Counts are over distinct people (one per identity number across the three releases),
 * by position in four-part names: given name (by sex), father, grandfather, family name.
 * Every name is kept, rare ones included: the rare names are what tells most people
 * apart, and a table of only the frequent ones makes namesakes far commoner than real
 * lists have them. Spellings are kept as written (hamza, taa marbuta), with compounds
 * joined (عبد الرحمن → عبدالرحمن). Latin spellings come from dict_ar_en.csv (when its
 * spelling is not cut short, as "abdel" for عبدالرحمن) and from the releases' own
 * transliterations, word by word where the two name cells have as many words.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { jaroWinkler } from '../src/core/linkage/string-similarity.js';
import { arabicSkeleton, foldArabic, latinSkeleton } from '../src/core/names/index.js';

const dir = join(process.cwd(), '..', 'shared', 'data', 'gaza-moh');
const releases = [
  'killed-in-gaza-20240921.csv',
  'killed-in-gaza-20240808.csv',
  'killed-in-gaza-20240413.csv',
];
const MARKS = /[\u064B-\u065F\u0610-\u061A\u06D6-\u06ED\u0670\u0640]/g;
const JOIN_WITH_NEXT = new Set(['عبد', 'ابو', 'ام', 'بو']);
const JOIN_WITH_PREVIOUS = new Set([
  'الله',
  'هللا',
  'الدين',
  'الرحمن',
  'الرحيم',
  'الاسلام',
  'الزهراء',
  'الزهرا',
  'الهدي',
  'النور',
  'الحق',
]);
const LATIN_JOIN_WITH_NEXT = new Set([
  'abd',
  'abdel',
  'abdal',
  'abdul',
  'abu',
  'abo',
  'abou',
  'um',
  'umm',
  'al',
  'el',
]);
const LATIN_JOIN_WITH_PREVIOUS = new Set([
  'allah',
  'alla',
  'aldin',
  'eldin',
  'al-din',
  'el-din',
  'aldeen',
  'eldeen',
  'uddin',
  'addin',
  'alrahman',
  'al-rahman',
  'el-rahman',
]);

/** Words of an Arabic name as written (marks removed), compounds joined. */
function arabicWords(name: string): string[] | undefined {
  const words = name
    .normalize('NFKC')
    .replace(MARKS, '')
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.some((w) => !/^[\u0621-\u064A]+$/.test(w))) return undefined;
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = words[i + 1];
    if (JOIN_WITH_NEXT.has(foldArabic(w)) && next !== undefined) {
      out.push(w + next);
      i++;
    } else if (JOIN_WITH_PREVIOUS.has(foldArabic(w)) && out.length > 0) out[out.length - 1] += w;
    else out.push(w);
  }
  return out;
}

/** Words of a Latin name, lower-cased, particles joined with a hyphen as transliterators write them. */
function latinWords(name: string): string[] {
  const words = name
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => /^[a-z'-]+$/.test(w));
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = words[i + 1];
    if (LATIN_JOIN_WITH_NEXT.has(w) && next !== undefined) {
      out.push(`${w}-${next}`);
      i++;
    } else if (LATIN_JOIN_WITH_PREVIOUS.has(w) && out.length > 0) out[out.length - 1] += `-${w}`;
    else out.push(w);
  }
  return out;
}

type Row = Record<string, string>;
const read = (file: string): Row[] =>
  parse<Row>(readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, ''), {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
  });

const dictionary = new Map<string, string[]>();
const dictionaryRows: string[][] = parse(readFileSync(join(dir, 'dict_ar_en.csv'), 'utf8'), {
  relax_column_count: true,
});
for (const [ar, en] of dictionaryRows)
  if (ar && en && ar !== 'original') {
    const list = dictionary.get(ar) ?? [];
    list.push(en.toLowerCase());
    dictionary.set(ar, list);
  }

const counts = {
  male: new Map<string, number>(),
  female: new Map<string, number>(),
  father: new Map<string, number>(),
  grandfather: new Map<string, number>(),
  family: new Map<string, number>(),
};
/** Arabic word → Latin word → times the releases wrote it so. */
const transliterations = new Map<string, Map<string, number>>();
const seen = new Set<string>();
const bump = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};
for (const file of releases)
  for (const r of read(file)) {
    const id = r.id ?? '';
    const key = /^[0-9]{9}$/.test(id) ? id : `${file}:${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const words = arabicWords(r.name ?? '');
    if (!words || words.length < 4) continue;
    const sex = r.sex === 'f' ? 'female' : r.sex === 'm' ? 'male' : undefined;
    if (!sex) continue;
    const given = words[0] ?? '';
    const family = words[words.length - 1] ?? '';
    bump(counts[sex], given);
    bump(counts.father, words[1] ?? '');
    bump(counts.grandfather, words[2] ?? '');
    bump(counts.family, family);
    const latin = latinWords(r.en_name ?? '');
    if (latin.length === words.length)
      words.forEach((w, k) => {
        const m = transliterations.get(w) ?? new Map<string, number>();
        bump(m, latin[k] ?? '');
        transliterations.set(w, m);
      });
  }

/** Latin spellings of an Arabic word: the dictionary's unless cut short, and the releases' own. */
function spellings(word: string): string | undefined {
  const skeleton = arabicSkeleton(foldArabic(word));
  // A spelling must read as the word: the same consonant skeleton or a close one, and
  // not a cut-short one ("abdel" for عبدالرحمن) nor a neighbour's (misaligned words).
  const fits = (latin: string): boolean => {
    const s = latinSkeleton(latin.replace(/[\s'-]/g, ''));
    return s === skeleton || (!skeleton.startsWith(s) && jaroWinkler(s, skeleton) >= 0.85);
  };
  const out = new Set<string>();
  for (const d of dictionary.get(word) ?? dictionary.get(foldArabic(word)) ?? [])
    if (fits(d)) out.add(d.replace(/\s+/g, '-'));
  const machine = [...(transliterations.get(word) ?? new Map<string, number>())]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([w]) => w);
  for (const m of machine) if (out.size < 3 && fits(m)) out.add(m);
  return out.size > 0 ? [...out].join('|') : undefined;
}

function table(name: string, m: Map<string, number>): string {
  const rows = [...m]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .flatMap(([w, c]) => {
      const latin = spellings(w);
      return latin ? [`${w},${c},${latin}`] : [];
    });
  return `export const ${name}: readonly NameFrequency[] = parse(\`\n${rows.join('\n')}\n\`);\n`;
}

const header = `/**
 * Name frequencies for synthetic data: every name of four-part names in the Gaza
 * Ministry of Health lists of 2024-04-13, 2024-08-08 and 2024-09-21 as published by
 * TechForPalestine (palestine-datasets, public domain), counted over distinct people by
 * position, with Latin spellings from that project's dict_ar_en.csv and from the lists'
 * own transliterations. Generated by bench/link-names-table.ts; regenerate rather than
 * edit by hand.
 */

/** [Arabic name, count, Latin spellings separated by "|"]. */
export type NameFrequency = readonly [string, number, string];

/** Reads "name,count,spellings" lines. */
function parse(text: string): NameFrequency[] {
  return text
    .trim()
    .split('\\n')
    .map((line) => {
      const [name = '', count = '0', latin = ''] = line.split(',');
      return [name, Number(count), latin] as const;
    });
}

`;
writeFileSync(
  join(process.cwd(), 'src', 'core', 'linkage', 'synth-names.ts'),
  header +
    [
      table('MALE_NAMES', counts.male),
      table('FEMALE_NAMES', counts.female),
      table('FATHER_NAMES', counts.father),
      table('GRANDFATHER_NAMES', counts.grandfather),
      table('FAMILY_NAMES', counts.family),
    ].join('\n'),
);
const dropped = Object.entries(counts).map(([k, m]) => {
  let kept = 0;
  let all = 0;
  for (const [w, c] of m) {
    all += c;
    if (spellings(w)) kept += c;
  }
  return `${k}: ${m.size} names, ${((100 * kept) / all).toFixed(1)}% of people with a Latin spelling`;
});
process.stdout.write(`${seen.size} people\n${dropped.join('\n')}\n`);
