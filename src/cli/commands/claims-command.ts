import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { extractClaims, type ExtractedClaim } from '../../core/claims/index.js';
import { findDocumentBody } from '../../db/repositories/claim-repository.js';
import {
  claimsLedger,
  describeScope,
  parseClaimScope,
  proposeClaims,
  reviewClaim,
  type LedgerQuestion,
} from '../../services/claims/index.js';
import { UNKNOWN, type CountFilters } from '../../core/stats/counts/index.js';
import { cliActor, say, withDatabase } from '../context.js';

/** Adds `sijil claims extract FILE [--json]`: figures in a document, proposed for confirmation. */
export function registerClaimsCommand(program: Command): void {
  const claims = program
    .command('claims')
    .description('figures stated by statements and articles (the claims ledger)');
  claims
    .command('extract')
    .description('propose the figures stated in a text file as claims for a person to confirm')
    .argument('[file]', 'a UTF-8 text file (English or Arabic)')
    .option('--document <id>', 'a document stored in the register instead of a file')
    .option('--save', 'with --document: store the figures as proposed claims')
    .option('--json', 'one JSON object per line: value, qualifier, category, quote, start, end')
    .action(
      async (
        file: string | undefined,
        options: { json?: boolean; document?: string; save?: boolean },
      ) => {
        if (options.save) {
          if (!options.document)
            throw new Error('--save stores claims of a stored document: give --document ID');
          return saveProposals(options.document, options.json ?? false);
        }
        let text: string;
        if (options.document) {
          const id = Number(options.document);
          const doc = Number.isInteger(id)
            ? await withDatabase((db) => findDocumentBody(db, id))
            : null;
          if (!doc) throw new Error(`there is no document ${options.document}`);
          text = doc.body;
        } else if (file) text = stripBom(await readFile(file, 'utf8'));
        else throw new Error('give a FILE or --document ID');
        const found = extractClaims(text);
        if (options.json) {
          for (const claim of found) say(JSON.stringify(claimJson(claim)));
          return;
        }
        printTable(found);
      },
    );
  registerLedgerCommands(claims);
}

// Offsets are into the text after the BOM, which is what an editor shows.
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// Fixed key order, so the lines diff cleanly between runs. `scope` only when words gave one,
// with `scopeEvidence`: the words each part was read from and their offsets.
function claimJson(claim: ExtractedClaim): ExtractedClaim {
  const { value, qualifier, category, quote, start, end, scope, scopeEvidence } = claim;
  return {
    value,
    qualifier,
    category,
    quote,
    start,
    end,
    ...(scope ? { scope, scopeEvidence } : {}),
  };
}

function printTable(found: readonly ExtractedClaim[]): void {
  if (found.length === 0) {
    say('No figures found.');
    return;
  }
  const rows = found.map((c) => [
    c.value.toLocaleString('en'),
    c.qualifier,
    c.category,
    `${c.start}-${c.end}`,
    oneLine(c.quote),
  ]);
  const header = ['value', 'qualifier', 'category', 'offsets', 'quote'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ');
  say(line(header));
  rows.forEach((row, i) => {
    say(line(row));
    const scope = found[i]?.scope;
    // Proposed, like the figure: read from the words around it, for a person to confirm.
    if (scope) say(`    proposed scope: ${describeScope(scope)}`);
  });
  say();
  say(
    `${found.length} proposed claim${found.length === 1 ? '' : 's'}: confirm each before it enters the ledger.`,
  );
}

function oneLine(quote: string): string {
  return quote.replace(/\s+/g, ' ');
}

function wholeId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('give an id (a whole number)');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Stores a document's figures as proposed claims and says what was added. */
async function saveProposals(documentId: string, json: boolean): Promise<void> {
  const id = wholeId(documentId);
  const result = await withDatabase((db) => proposeClaims(db, id, cliActor()));
  if (json) {
    for (const c of result.added)
      say(
        JSON.stringify({
          id: c.id,
          value: c.value,
          qualifier: c.qualifier,
          category: c.category,
          quote: c.quote,
          start: c.start,
          end: c.end,
          status: c.status,
          documentId: c.documentId,
          scope: c.scope,
        }),
      );
    return;
  }
  for (const c of result.added) {
    say(
      `#${c.id}  ${c.value.toLocaleString('en')}  ${c.qualifier}  ${c.category}  ${oneLine(c.quote)}`,
    );
    if (Object.keys(c.scope).length > 0)
      say(`    proposed scope: ${describeScope(parseClaimScope(c.scope))}`);
  }
  say(
    `${result.added.length} claim(s) proposed for document ${id}` +
      (result.alreadyHeld > 0 ? ` (${result.alreadyHeld} already in the ledger)` : '') +
      '. Confirm each with `sijil claims confirm ID --scope key=value`, or reject it.',
  );
}

function describeWhere(where: CountFilters): string {
  return Object.entries(where)
    .map(([f, values]) => `${f}=${values.map((v) => v ?? UNKNOWN).join(',')}`)
    .join(' ');
}

function printLedger(questions: readonly LedgerQuestion[]): void {
  if (questions.length === 0) {
    say('The ledger holds no claims here.');
    return;
  }
  for (const q of questions) {
    say(`== ${q.category} ==`);
    for (const c of q.claims) {
      say(
        `#${c.id}  ${c.qualifier.replace('_', ' ')} ${c.value.toLocaleString('en')}  [${c.status}]  ${c.document.source ?? '-'}: ${c.document.title} (document ${c.document.id}, ${c.start}-${c.end})`,
      );
      say(`    scope: ${describeScope(c.scope)}`);
      say(`    "${oneLine(c.quote)}"`);
      const r = c.register;
      say(
        r.persons === null
          ? `    register: no comparable count (${r.notes.map((n) => n.text).join('; ')})`
          : `    register: ${r.persons.toLocaleString('en')} unique persons with ${describeWhere(r.where ?? {})}${r.notes.length > 0 ? ` (${r.notes.map((n) => n.text).join('; ')})` : ''}`,
      );
    }
    say();
  }
  say(
    'Claims are what documents state; the register count is the persons it names for the same question.',
  );
}

/** `claims propose|confirm|reject|list`: the ledger in the store. */
function registerLedgerCommands(claims: Command): void {
  claims
    .command('propose')
    .description("store a stored document's figures as proposed claims (none is confirmed)")
    .argument('<document-id>', 'the document (see `sijil sources` / GET /api/documents)')
    .option('--json', 'one JSON object per line')
    .action((documentId: string, options: { json?: boolean }) =>
      saveProposals(documentId, options.json ?? false),
    );
  for (const decision of ['confirm', 'reject'] as const) {
    claims
      .command(decision)
      .description(
        decision === 'confirm'
          ? 'confirm a proposed claim, giving its scope (audited)'
          : 'reject a proposed claim: not a figure, or not what it seems (audited)',
      )
      .argument('<id>', 'the claim', wholeId)
      .option(
        '--scope <key=value>',
        'population, country, governorate, locality, site, perpetrator, period-start, period-end, as-of (repeatable; key= clears)',
        collect,
        [],
      )
      .option('--json', 'print the claim as JSON')
      .action(async (id: number, options: { scope: string[]; json?: boolean }) => {
        const claim = await withDatabase((db) =>
          reviewClaim(db, id, { decision, scopeItems: options.scope }, cliActor()),
        );
        if (options.json) return say(JSON.stringify(claim));
        say(
          `Claim ${claim.id} ${claim.status}: ${claim.qualifier} ${claim.value.toLocaleString('en')} ${claim.category}; scope: ${describeScope(claim.scope)}.`,
        );
      });
  }
  claims
    .command('list')
    .description(
      "claims on the same question side by side, with their scopes and the register's own count",
    )
    .option('--category <category>', 'only this category (killed, children_killed, …)')
    .addOption(
      new Option(
        '--status <status...>',
        'only these statuses (default: proposed and confirmed)',
      ).choices(['proposed', 'confirmed', 'rejected']),
    )
    .option('--json', 'print JSON')
    .action(
      async (options: {
        category?: string;
        status?: ('proposed' | 'confirmed' | 'rejected')[];
        json?: boolean;
      }) => {
        const questions = await withDatabase((db) =>
          claimsLedger(db, { category: options.category, statuses: options.status }),
        );
        if (options.json) say(JSON.stringify({ questions }));
        else printLedger(questions);
      },
    );
}
