import type { ProposedScope, ScopeEvidence } from './extract-scope.js';

/** How a stated figure is bounded: "at least 3,207" is `at_least`, a bare "3,207" is `exactly`. */
export type ClaimQualifier = 'exactly' | 'at_least' | 'more_than' | 'close_to' | 'about' | 'up_to';

/** What a stated figure counts. `share` is a percentage; `other` is a count of anything else. */
export type ClaimCategory =
  | 'killed'
  | 'children_killed'
  | 'died_under_torture'
  | 'died_under_siege'
  | 'detained_or_disappeared'
  | 'injured'
  | 'displaced'
  | 'population'
  | 'share'
  | 'other';

/**
 * A figure found in a document, proposed for a person to confirm. `start`/`end` are JS string
 * indexes into the text as given, so `text.slice(start, end) === quote`.
 */
export interface ExtractedClaim {
  value: number;
  qualifier: ClaimQualifier;
  category: ClaimCategory;
  quote: string;
  start: number;
  end: number;
  /**
   * Who, where, by whom and when, as far as the words around the figure say (absent when they
   * say nothing); a proposal, like the figure, until a person confirms it.
   */
  scope?: ProposedScope;
  /** The words each part of `scope` was read from, with offsets into the text. */
  scopeEvidence?: ScopeEvidence[];
}
