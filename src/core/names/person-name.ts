import { normaliseArabicName } from './arabic-normalise.js';
import { normaliseLatinName } from './latin-normalise.js';
import { parseNameParts, type NameParts } from './name-parts.js';
import { boundedMemo } from './bounded-memo.js';
import { arabicSkeleton, latinSkeleton } from './phonetic-skeleton.js';

// Skeletons are per token, and tokens repeat across names.
const arabicSkeletonOf = boundedMemo(arabicSkeleton);
const latinSkeletonOf = boundedMemo(latinSkeleton);

/** Which script a record's name is compared in. */
export type NameScript = 'arabic' | 'latin' | 'none';

/** Everything linkage needs to know about one person's name. */
export interface PersonName {
  /** Arabic when the record has an Arabic name; Latin otherwise. */
  readonly script: NameScript;
  /** Canonical tokens in the record's script. */
  readonly tokens: readonly string[];
  /** Parts of `tokens`. */
  readonly parts: NameParts;
  /** Cross-script consonant skeletons, one per token of `tokens`. */
  readonly skeletons: readonly string[];
  /** Parts of `skeletons` (same positions as `parts`). */
  readonly skeletonParts: NameParts;
  /** Alternative names given in parentheses. */
  readonly alternates: readonly string[];
  /** True when the cells held only placeholders ("مجهول", "0", "ابن/…"). */
  readonly placeholderOnly: boolean;
}

/**
 * Reads a person's name from an Arabic cell and/or a Latin-script cell. A Latin
 * spelling next to an Arabic name is usually a machine transliteration and adds
 * nothing, so the Arabic is used whenever it is there.
 */
export function readPersonName(arabic: string, latin: string): PersonName {
  const ar = normaliseArabicName(arabic);
  if (ar.tokens.length > 0) {
    const skeletons = ar.tokens.map(arabicSkeletonOf);
    const parts = parseNameParts(ar.tokens);
    return {
      script: 'arabic',
      tokens: ar.tokens,
      parts,
      skeletons,
      skeletonParts: parseNameParts(skeletons, parts.kunya !== undefined),
      alternates: ar.alternates,
      placeholderOnly: false,
    };
  }
  // Latin words may sit in the Arabic cell (mixed-script input) or in the Latin cell.
  const latinTokens = normaliseLatinName([...ar.latinWords, latin].join(' '));
  if (latinTokens.length > 0) {
    const skeletons = latinTokens.map(latinSkeletonOf);
    const parts = parseNameParts(latinTokens);
    return {
      script: 'latin',
      tokens: latinTokens,
      parts,
      skeletons,
      skeletonParts: parseNameParts(skeletons, parts.kunya !== undefined),
      alternates: ar.alternates,
      placeholderOnly: false,
    };
  }
  return {
    script: 'none',
    tokens: [],
    parts: parseNameParts([]),
    skeletons: [],
    skeletonParts: parseNameParts([]),
    alternates: ar.alternates,
    placeholderOnly: arabic.trim().length > 0 || latin.trim().length > 0,
  };
}
