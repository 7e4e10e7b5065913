/**
 * Splits a normalised name chain into its parts. Arabic names are patronymic
 * chains — given, father, grandfather, …, family — and lists disagree on how much of
 * the chain they write: a ministry writes four parts, a monitor "given family" or a
 * kunya ("ابو محمد"). Parsing by position with these rules keeps short forms
 * comparable to long ones: the first token is the given name, the last the family name.
 */

/** The parts of one name; an absent part is undefined (unknown, not "different"). */
export interface NameParts {
  readonly given?: string;
  readonly father?: string;
  readonly grandfather?: string;
  readonly family?: string;
  /** Tokens between grandfather and family in chains longer than four. */
  readonly middle: readonly string[];
  /** A leading "father of"/"mother of" name (ابومحمد, Abu Muhammad, Umm Ali). */
  readonly kunya?: string;
}

// Given names that look like a kunya but are names in their own right.
const KUNYA_LOOKALIKE_NAMES = new Set(['ابوبكر', 'abubakr', 'abubakar', 'abobakr']);

/**
 * True for a token that reads as a kunya (ابو…, abu…, umm…). Arabic ام… is not
 * taken as a kunya: too many given names start with it (امل, اماني, امجد).
 */
export function isKunyaToken(token: string): boolean {
  if (KUNYA_LOOKALIKE_NAMES.has(token)) return false;
  return /^(ابو|abu|abou|abo|umm)../.test(token);
}

/**
 * Parses tokens (Arabic or Latin, already normalised) into parts.
 * One token is a given name; two are given + family; three add the father; four or
 * more add the grandfather and keep the rest as middle names. `leadingKunya` forces
 * the kunya decision (to parse a parallel token list, such as skeletons, the same way).
 */
export function parseNameParts(tokens: readonly string[], leadingKunya?: boolean): NameParts {
  let rest = tokens;
  let kunya: string | undefined;
  const head = rest[0];
  const kunyaFirst = leadingKunya ?? (head !== undefined && isKunyaToken(head));
  if (rest.length >= 2 && head !== undefined && kunyaFirst) {
    kunya = head;
    rest = rest.slice(1);
  }
  const n = rest.length;
  const given = rest[0];
  const family = n >= 2 ? rest[n - 1] : undefined;
  const father = n >= 3 ? rest[1] : undefined;
  const grandfather = n >= 4 ? rest[2] : undefined;
  const middle = n >= 5 ? rest.slice(3, n - 1) : [];
  return { given, father, grandfather, family, middle, kunya };
}
