import { wordForms } from './arabic-affixes.js';
import { cueOf, isModifier, type Cue, type EventKind, type ModifierKind } from './category-cues.js';
import type { ClaimCategory, ClaimQualifier, ExtractedClaim } from './claim-types.js';
import { foldWord, mapText, originalRange, type MappedText } from './mapped-text.js';
import { scopeReader, type ScopeTarget } from './extract-scope.js';
import { findAddressSpans, nonClaimReason } from './non-claim-numbers.js';
import { findNumberMentions, type NumberMention } from './number-mentions.js';
import { qualifierAfter, qualifierBefore } from './qualifiers.js';
import { isClauseBreak, tokenise, type Token } from './tokenise.js';

/** A number that survived the date/duration/list checks, on its way to becoming a claim. */
interface Candidate {
  mention: NumberMention;
  sentence: number;
  qualifier: ClaimQualifier;
  /** First token of the qualifier, if one was written before the number. */
  qualifierFirst: number | null;
  /** "497 of them", "including 298 children": a part of an earlier figure. */
  partitive: boolean;
  parent: Candidate | null;
  /** The second number of a range ("between 10,000 and 40,000") and its first. */
  rangeHead: Candidate | null;
  share: number | null;
  /** What the figure counts and the word that says so (`own` false when taken from the whole). */
  event: { kind: EventKind; token: number; own: boolean } | null;
  modifiers: Set<ModifierKind>;
  /** Tokens the quote must cover besides the number. */
  quoteTokens: number[];
  category: ClaimCategory;
}

// A cue further than this (in words, with penalties for commas and "and") is not about the number.
const MAX_CUE_COST = 14;
const CLAUSE_BREAK_COST = 8;
const CONJUNCTION_COST = 4;
const WEAK_CUE_COST = 3;
const WEAK_MARGIN = 6;

const CONJUNCTIONS = new Set(
  ['and', 'or', 'but', 'while', 'whereas', 'as', 'و', 'او', 'ثم', 'بينما', 'لكن', 'فيما'].map(
    foldWord,
  ),
);
// Where a noun phrase after a number stops: "300 people | in a school for children".
const NP_STOPS = new Set(
  [
    'in',
    'at',
    'on',
    'near',
    'across',
    'inside',
    'for',
    'with',
    'into',
    'during',
    'since',
    'by',
    'في',
    'على',
    'داخل',
    'قرب',
    'خلال',
    'منذ',
    'عند',
  ].map(foldWord),
);
const PARTITIVE_WORDS = new Set(
  [
    'including',
    'incl',
    'among',
    'amongst',
    'بينهم',
    'بينهن',
    'منهم',
    'منهن',
    'ضمنهم',
    'ضمنهن',
    'بينها',
    'منها',
  ].map(foldWord),
);
const PARTITIVE_OF = new Set(['whom', 'them', 'these', 'those', 'which']);
// "due to the siege", "تحت الحصار": a siege counts as a cause of death only when named as one.
const CAUSE_WORDS = new Set(
  [
    'due',
    'because',
    'result',
    'under',
    'from',
    'of',
    'by',
    'جراء',
    'بسبب',
    'نتيجه',
    'تحت',
    'بفعل',
    'من',
  ].map(foldWord),
);
const SHARE_WORDS = new Set(['percent', 'percentage', 'pc', 'بالميه', 'بالمايه']);
const ESTIMATE_WORDS = new Set(
  [
    'figure',
    'number',
    'total',
    'estimated',
    'estimate',
    'estimates',
    'عدد',
    'يقدر',
    'تقدر',
    'تقديرات',
  ].map(foldWord),
);

/**
 * Proposes the figures stated in a document's text (English or Arabic) as claims for a person to
 * confirm: each with its value, qualifier ("at least"), category (killed, detained...) and the
 * exact quote with its offsets. Years, dates, durations, ages, list numbers, references, phone
 * numbers and URLs are left out, and so are vague amounts ("thousands", "عشرات").
 */
export function extractClaims(text: string): ExtractedClaim[] {
  const mapped = mapText(text);
  const tokens = tokenise(mapped);
  const cues = tokens.map((t) => (t.kind === 'word' ? cueOf(t.text) : null));
  const spans = findAddressSpans(mapped.norm);
  const mentions = findNumberMentions(tokens);

  // Qualifiers first: "at least 2011" is a count, not a year.
  const excluded = new Set<NumberMention>();
  const candidates: Candidate[] = [];
  for (const mention of mentions) {
    const before = qualifierBefore(tokens, mention.first);
    const after = before ? null : qualifierAfter(tokens, mention.last);
    const found = before ?? after;
    if (nonClaimReason(mention, tokens, mapped, spans, before !== null)) {
      excluded.add(mention);
      continue;
    }
    const firstToken = tokens[mention.first];
    candidates.push({
      mention,
      sentence: firstToken?.sentence ?? 0,
      qualifier: found?.qualifier ?? 'exactly',
      qualifierFirst: before ? before.first : null,
      partitive: false,
      parent: null,
      rangeHead: null,
      share: null,
      event: null,
      modifiers: new Set(),
      quoteTokens: after ? [after.last] : [],
      category: 'other',
    });
  }

  linkRanges(candidates, mentions, excluded, tokens);
  const kept = candidates.filter((c) => !excluded.has(c.mention));
  for (const c of kept) c.share = shareToken(tokens, c.mention.last);
  linkPartitives(kept, tokens);

  const blocking = kept.filter((c) => !c.partitive && !c.rangeHead);
  for (const c of kept) {
    if (c.partitive || c.rangeHead) continue;
    c.event = findEvent(c, tokens, cues, blocking, false);
  }
  for (const c of kept) {
    if (!c.partitive || c.rangeHead) continue;
    // A part takes its own verb if it has one in its own clause ("614 died"), else its whole's.
    c.event = findEvent(c, tokens, cues, blocking, true) ?? inherited(c.parent);
  }
  for (const c of kept) {
    c.modifiers = numberModifiers(c, tokens, cues);
    // The whole's "under torture" stays with the whole: a part must say it again.
    const eventMods =
      c.event?.own === true ? eventModifiers(c.event.token, tokens, cues) : new Set<ModifierKind>();
    c.category = categorise(c, eventMods, tokens);
  }
  for (const c of kept) {
    if (c.rangeHead) {
      c.category = c.rangeHead.category;
      c.event = c.rangeHead.event;
    }
  }

  const claims: ExtractedClaim[] = [];
  const readScope = scopeReader(
    mapped,
    tokens,
    kept.map((c) => c.mention),
  );
  const targets = new Map<Candidate, ScopeTarget>();
  const targetOf = (c: Candidate): ScopeTarget => {
    let t = targets.get(c);
    if (!t) {
      // A range's second figure, and a part of a figure, share what their whole does not say.
      const whole = c.rangeHead ?? c.parent;
      t = {
        first: c.mention.first,
        last: c.mention.last,
        sentence: c.sentence,
        parent: whole && whole !== c ? targetOf(whole) : null,
      };
      targets.set(c, t);
    }
    return t;
  };
  for (const c of kept) {
    if (!worthProposing(c, tokens)) continue;
    const claim = toClaim(c, tokens, cues, mapped);
    const { scope, evidence } = readScope(targetOf(c));
    if (evidence.length > 0) {
      claim.scope = scope;
      claim.scopeEvidence = evidence;
    }
    claims.push(claim);
  }
  return claims;
}

function linkRanges(
  candidates: Candidate[],
  mentions: readonly NumberMention[],
  excluded: Set<NumberMention>,
  tokens: readonly Token[],
): void {
  const byMention = new Map(candidates.map((c) => [c.mention, c]));
  for (let i = 0; i + 1 < mentions.length; i++) {
    const head = mentions[i];
    const tail = mentions[i + 1];
    if (!head || !tail) continue;
    const gap = tokens.slice(head.last + 1, tail.first).map((t) => t.text);
    const before = tokens[head.first - 1]?.text ?? '';
    const beforeForms = wordForms(before).map((f) => f.form);
    const isRange =
      (gap.length === 1 && (gap[0] === '-' || gap[0] === 'to')) ||
      (gap.length === 1 && gap[0] === 'and' && before === 'between') ||
      (gap.length === 1 && gap[0] === 'و' && beforeForms.includes('بين')) ||
      (gap.length === 1 && gap[0] === 'الي' && beforeForms.includes('من'));
    if (!isRange) continue;
    // "10 to 15 years": if either end is a duration or a date, both are.
    if (excluded.has(head) || excluded.has(tail)) {
      excluded.add(head);
      excluded.add(tail);
      continue;
    }
    const h = byMention.get(head);
    const t = byMention.get(tail);
    if (!h || !t) continue;
    if (h.qualifier === 'exactly') h.qualifier = 'at_least';
    if (t.qualifier === 'exactly') t.qualifier = 'up_to';
    t.rangeHead = h;
  }
}

// "62 percent", "62%", "٧٠٪", "70 في المئة", "20 per cent".
function shareToken(tokens: readonly Token[], last: number): number | null {
  const next = tokens[last + 1];
  const next2 = tokens[last + 2];
  if (!next) return null;
  if (next.text === '%') return last + 1;
  if (SHARE_WORDS.has(next.text)) return last + 1;
  if (next.text === 'per' && next2?.text === 'cent') return last + 2;
  if (next.text === 'في' && next2 && /^ال(?:مي|ما)ه$/.test(next2.text)) return last + 2;
  return null;
}

function linkPartitives(kept: Candidate[], tokens: readonly Token[]): void {
  for (let k = 0; k < kept.length; k++) {
    const c = kept[k];
    if (!c) continue;
    const { first, last } = c.mention;
    // "9 of the 31 wounded": a part of the figure that follows.
    const n1 = tokens[last + 1];
    const n2 = tokens[last + 2];
    const following = kept[k + 1];
    if (following && n1 && (n1.text === 'of' || n1.text === 'من')) {
      const gapEnd = following.mention.first;
      const between = tokens.slice(last + 2, gapEnd).map((t) => t.text);
      if (between.length <= 1 && between.every((w) => /^(?:the|these|those|اصل)$/.test(w))) {
        c.partitive = true;
        c.parent = following;
        continue;
      }
    }
    let marker = -1;
    if (n1 && n1.text === 'of' && n2 && PARTITIVE_OF.has(n2.text)) marker = last + 2;
    else if (n1 && isPartitiveWord(n1)) marker = last + 1;
    if (marker < 0) {
      for (let j = first - 1; j >= Math.max(0, first - 8); j--) {
        const t = tokens[j];
        if (!t || t.sentence !== tokens[first]?.sentence || isClauseBreak(t)) {
          // "Of these, 614 died": a comma right after the marker that opens the sentence.
          const opener = tokens[j - 1];
          const opener2 = tokens[j - 2];
          if (
            t &&
            isClauseBreak(t) &&
            opener &&
            (isPartitiveWord(opener) || (opener2?.text === 'of' && PARTITIVE_OF.has(opener.text)))
          ) {
            marker = isPartitiveWord(opener) ? j - 1 : j - 2;
          }
          break;
        }
        if (
          isPartitiveWord(t) ||
          (t.text === 'of' && PARTITIVE_OF.has(tokens[j + 1]?.text ?? ''))
        ) {
          marker = j;
          break;
        }
      }
    }
    if (marker < 0) continue;
    const parent = findParent(kept, k);
    if (!parent) continue;
    c.partitive = true;
    c.parent = parent;
    const between = tokens.slice(Math.min(marker, first) + 1, Math.max(marker, last));
    if (!between.some((t) => t.kind === 'num')) c.quoteTokens.push(marker);
  }
}

function isPartitiveWord(token: Token): boolean {
  return (
    token.kind === 'word' && wordForms(token.text).some(({ form }) => PARTITIVE_WORDS.has(form))
  );
}

// The whole a part belongs to: the last earlier figure in the sentence (or the one before) that
// is not itself a part.
function findParent(kept: readonly Candidate[], k: number): Candidate | null {
  const c = kept[k];
  if (!c) return null;
  for (let j = k - 1; j >= 0; j--) {
    const p = kept[j];
    if (!p) continue;
    if (p.sentence < c.sentence - 1) return null;
    if (!p.partitive && !p.rangeHead && p.share === null) return p;
  }
  return null;
}

function inherited(parent: Candidate | null): Candidate['event'] {
  return parent?.event ? { ...parent.event, own: false } : null;
}

/**
 * The nearest word that names what the figure counts, within the sentence. Commas and "and" in
 * between make a word further away; another figure in between claims the word for itself.
 * `ownClauseOnly` keeps the search inside the number's clause (for parts of a figure).
 */
function findEvent(
  c: Candidate,
  tokens: readonly Token[],
  cues: readonly (Cue | null)[],
  blocking: readonly Candidate[],
  ownClauseOnly: boolean,
): Candidate['event'] {
  const { first, last } = c.mention;
  const sentence = c.sentence;
  // A strong cue (killed, arrested) anywhere in reach beats a weak one (refugees, victims).
  const found: { best: { kind: EventKind; token: number; cost: number; weak: boolean } | null } = {
    best: null,
  };
  const consider = (j: number, cost: number) => {
    const best = found.best;
    const cue = cues[j];
    if (!cue || isModifier(cue.kind)) return;
    const total = cost + (cue.weak ? WEAK_CUE_COST : 0);
    if (total > MAX_CUE_COST) return;
    // Strong beats weak unless the strong word is a clause or more further away.
    const better =
      !best ||
      (best.weak === cue.weak
        ? total < best.cost
        : cue.weak
          ? total + WEAK_MARGIN < best.cost
          : cost < best.cost + WEAK_MARGIN);
    if (better) found.best = { kind: cue.kind, token: j, cost: total, weak: cue.weak };
  };
  const blockedAt = new Set<number>();
  for (const b of blocking) {
    if (b !== c) for (let t = b.mention.first; t <= b.mention.last; t++) blockedAt.add(t);
  }
  // Backwards.
  let cost = 0;
  for (let j = first - 1; j >= 0; j--) {
    const t = tokens[j];
    if (!t || t.sentence !== sentence || blockedAt.has(j)) break;
    const lineBreak = (tokens[j + 1]?.newlinesBefore ?? 0) > 0 ? CLAUSE_BREAK_COST : 0;
    if (ownClauseOnly && lineBreak > 0) break;
    cost += lineBreak;
    consider(j, cost);
    const passing = passingCost(t, cues[j] ?? null);
    if (ownClauseOnly && passing > 1) break;
    cost += passing;
    if (cost > MAX_CUE_COST) break;
  }
  // Forwards.
  cost = 0;
  for (let j = last + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (!t || t.sentence !== sentence || blockedAt.has(j)) break;
    const lineBreak = t.newlinesBefore > 0 ? CLAUSE_BREAK_COST : 0;
    const cue = cues[j] ?? null;
    const entering = cue?.afterConjunction ? CONJUNCTION_COST : 0;
    if (ownClauseOnly && (lineBreak > 0 || entering > 0)) break;
    cost += lineBreak;
    consider(j, cost + entering);
    const passing = passingCost(t, cue);
    if (ownClauseOnly && passing > 1) break;
    // ", among them five children," costs no more than a word to read past.
    const aside = isClauseBreak(t) ? partitiveAsideEnd(tokens, j) : null;
    if (aside !== null) {
      cost += 1;
      j = aside;
      continue;
    }
    cost += passing;
    if (cost > MAX_CUE_COST) break;
  }
  const best = found.best;
  return best ? { kind: best.kind, token: best.token, own: true } : null;
}

// If a comma at `j` opens an aside about part of the figure (", including 6 children,"), the
// index of the comma that closes it.
function partitiveAsideEnd(tokens: readonly Token[], j: number): number | null {
  const opener = tokens[j + 1];
  if (!opener || !isPartitiveWord(opener)) return null;
  for (let k = j + 2; k < j + 10 && k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || t.sentence !== tokens[j]?.sentence) return null;
    if (isClauseBreak(t)) return t.text === tokens[j]?.text ? k : null;
  }
  return null;
}

// The cost of reading past one token: a clause break or a conjunction costs more than a word.
function passingCost(t: Token, cue: Cue | null): number {
  if (isClauseBreak(t)) return CLAUSE_BREAK_COST;
  if (t.kind === 'word' && CONJUNCTIONS.has(t.text)) return CONJUNCTION_COST;
  if (cue?.afterConjunction) return CONJUNCTION_COST;
  return 1;
}

// Children, torture or siege in the number's own noun phrase: "3760 of whom are children",
// "497 of them under torture", "٤٩٧ قضوا تحت التعذيب".
function numberModifiers(
  c: Candidate,
  tokens: readonly Token[],
  cues: readonly (Cue | null)[],
): Set<ModifierKind> {
  const mods = new Set<ModifierKind>();
  for (let j = c.mention.last + 1; j <= c.mention.last + 5; j++) {
    const t = tokens[j];
    if (!t || t.sentence !== c.sentence || isClauseBreak(t) || t.kind === 'num') break;
    if (t.newlinesBefore > 0) break;
    if (
      t.kind === 'word' &&
      (CONJUNCTIONS.has(t.text) || NP_STOPS.has(t.text)) &&
      j > c.mention.last + 1
    ) {
      break;
    }
    const cue = cues[j];
    if (cue?.afterConjunction) break;
    if (cue && isModifier(cue.kind) && namesCause(cue.kind, tokens, j)) {
      if (cue.kind !== 'children' || j <= c.mention.last + 4) mods.add(cue.kind);
      c.quoteTokens.push(j);
    }
  }
  return mods;
}

// Torture or siege next to the verb: "starved to death", "died under torture", "ماتوا جوعاً".
function eventModifiers(
  eventToken: number,
  tokens: readonly Token[],
  cues: readonly (Cue | null)[],
): Set<ModifierKind> {
  const mods = new Set<ModifierKind>();
  const sentence = tokens[eventToken]?.sentence;
  for (const dir of [-1, 1]) {
    for (let step = 1; step <= (dir < 0 ? 3 : 4); step++) {
      const j = eventToken + dir * step;
      const t = tokens[j];
      if (!t || t.sentence !== sentence || isClauseBreak(t) || t.kind === 'num') break;
      const cue = cues[j];
      if (
        cue &&
        (cue.kind === 'torture' || cue.kind === 'siege') &&
        namesCause(cue.kind, tokens, j)
      ) {
        mods.add(cue.kind);
      }
    }
  }
  return mods;
}

// "siege"/"حصار" is a cause of death only after "due to", "under", "جراء"...; starvation always is.
function namesCause(kind: ModifierKind, tokens: readonly Token[], j: number): boolean {
  if (kind !== 'siege') return true;
  const word = tokens[j]?.text ?? '';
  if (
    !/^(?:siege|sieges|blockade)$/.test(word) &&
    !wordForms(word).some((f) => f.form.startsWith('حصار'))
  ) {
    return true;
  }
  for (let k = j - 1; k >= j - 3 && k >= 0; k--) {
    const t = tokens[k];
    if (t && wordForms(t.text).some((f) => CAUSE_WORDS.has(f.form))) return true;
  }
  return false;
}

function categorise(
  c: Candidate,
  eventMods: ReadonlySet<ModifierKind>,
  tokens: readonly Token[],
): ClaimCategory {
  if (c.share !== null) return 'share';
  const own = c.modifiers;
  const kind = c.event?.kind ?? null;
  if (kind === 'killed') {
    if (own.has('torture')) return 'died_under_torture';
    if (own.has('siege')) return 'died_under_siege';
    if (own.has('children')) return 'children_killed';
    if (eventMods.has('torture')) return 'died_under_torture';
    if (eventMods.has('siege')) return 'died_under_siege';
    return 'killed';
  }
  if (kind === 'detained') return 'detained_or_disappeared';
  if (kind === 'injured') return 'injured';
  if (kind === 'displaced') return 'displaced';
  if (kind === 'population') return 'population';
  // "497 under torture" with no verb still reports deaths under torture.
  if (own.has('torture')) return 'died_under_torture';
  if (looksLikeEstimateOfPeople(c, tokens)) return 'population';
  return 'other';
}

// "this figure was estimated to be around 500,000.": a bare estimate with no event is a head count.
function looksLikeEstimateOfPeople(c: Candidate, tokens: readonly Token[]): boolean {
  const next = tokens[c.mention.last + 1];
  if (next && !isClauseBreak(next) && !(next.kind === 'punct' && next.text === '.')) return false;
  for (let j = c.mention.first - 1; j >= 0 && j >= c.mention.first - 10; j--) {
    const t = tokens[j];
    if (!t || t.sentence !== c.sentence || isClauseBreak(t)) break;
    if (wordForms(t.text).some((f) => ESTIMATE_WORDS.has(f.form))) return true;
  }
  return false;
}

// Vague or trivial numbers are not worth a person's time.
function worthProposing(c: Candidate, tokens: readonly Token[]): boolean {
  const { mention } = c;
  if (mention.spelled && mention.value < 100 && mention.last === mention.first) {
    // "two leaders", "five children": only with a qualifier, as part of a figure or beside its verb.
    if (c.qualifier !== 'exactly' || c.partitive) return c.category !== 'other';
    const eventToken = c.event?.token;
    if (eventToken === undefined || eventToken === null) return false;
    const distance =
      eventToken < mention.first ? mention.first - eventToken : eventToken - mention.last;
    return distance <= 3;
  }
  if (c.category !== 'other') return true;
  if (c.qualifier !== 'exactly') return true;
  // A bare number with no event is a count only if a noun follows it ("88 pages").
  const next = tokens[mention.last + 1];
  return next !== undefined && next.kind === 'word' && next.sentence === c.sentence;
}

function toClaim(
  c: Candidate,
  tokens: readonly Token[],
  cues: readonly (Cue | null)[],
  mapped: MappedText,
): ExtractedClaim {
  const indexes = [c.mention.first, c.mention.last, ...c.quoteTokens];
  if (c.qualifierFirst !== null) indexes.push(c.qualifierFirst);
  if (c.share !== null) indexes.push(c.share);
  if (c.event?.own === true && c.rangeHead === null) {
    // "death toll", not just "toll".
    let from = c.event.token;
    const kind = c.event.kind;
    while (from > 0 && cues[from - 1]?.kind === kind && from > c.event.token - 2) from--;
    indexes.push(from, c.event.token);
  }
  // The noun the number counts: "3,207 Palestinians".
  const noun = tokens[c.mention.last + 1];
  if (noun && noun.kind === 'word' && !NP_STOPS.has(noun.text) && !CONJUNCTIONS.has(noun.text)) {
    indexes.push(c.mention.last + 1);
  }
  const from = Math.min(...indexes);
  const to = Math.max(...indexes);
  const startToken = tokens[from];
  const endToken = tokens[to];
  const { start, end } = originalRange(mapped, startToken?.start ?? 0, endToken?.end ?? 0);
  return {
    value: c.mention.value,
    qualifier: c.qualifier,
    category: c.category,
    quote: mapped.text.slice(start, end),
    start,
    end,
  };
}
