/**
 * A claim's scope in Arabic words, for the Arabic workspace. The stored scope keeps the
 * lexicon's English values because the register's filters use them; what the lexicon knows is
 * said here in Arabic, anything else (a value an editor typed, a camp named in the document's
 * own words) is shown as stored.
 */
import type { ProposedScope } from './extract-scope.js';
import {
  GROUPS,
  KNOWN_SITES,
  NATIONALITY_FORMS,
  PERPETRATORS,
  PLACES,
  type GroupTerm,
  type NationalityForms,
} from './scope-lexicon.js';

const placeNames = new Map<string, string>([
  ...PLACES.map((p): [string, string] => [p.value, p.ar]),
  ...KNOWN_SITES.map((s): [string, string] => [s.value, s.ar]),
]);
const perpetratorNames = new Map(PERPETRATORS.map((p) => [p.value, p.ar]));
const groups = new Map<string, GroupTerm>(GROUPS.filter((g) => g.value).map((g) => [g.value, g]));
const peoples = new Map<string, NationalityForms>(
  Object.values(NATIONALITY_FORMS).map((f) => [f.people, f]),
);

const AGREEING: Record<GroupTerm['agreement'], keyof NationalityForms> = {
  people: 'peopleAr',
  feminine: 'feminineAr',
  collective: 'collectiveAr',
};

/**
 * A population as the extractor writes it ("Palestinians", "Palestinian refugees", "women and
 * children", "refugees") in Arabic: اللاجئون الفلسطينيون, النساء والأطفال. Undefined when
 * the words are not the lexicon's.
 */
export function populationInArabic(value: string): string | undefined {
  const people = peoples.get(value);
  if (people) return people.peopleAr;
  const group = groups.get(value);
  if (group) return group.ar;
  const and = /^(.+) and (.+)$/u.exec(value);
  if (and) {
    const first = groups.get(and[1]!);
    const second = groups.get(and[2]!);
    if (first && second) return `${first.ar} و${second.ar}`;
  }
  const space = value.indexOf(' ');
  if (space > 0) {
    const nationality = NATIONALITY_FORMS[value.slice(0, space)];
    const after = groups.get(value.slice(space + 1));
    if (nationality && after) return `${after.ar} ${nationality[AGREEING[after.agreement]]}`;
  }
  return undefined;
}

/** The scope with every value the lexicon knows in Arabic; dates and other values unchanged. */
export function scopeInArabic<S extends ProposedScope>(scope: S): S {
  const out: S = structuredClone(scope);
  if (out.population) out.population = populationInArabic(out.population) ?? out.population;
  if (out.perpetrator) out.perpetrator = perpetratorNames.get(out.perpetrator) ?? out.perpetrator;
  if (out.place) {
    for (const level of ['country', 'governorate', 'locality', 'site'] as const) {
      const value = out.place[level];
      if (value) out.place[level] = placeNames.get(value) ?? value;
    }
  }
  return out;
}
