import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { extractClaims, type ExtractedClaim } from '../../core/claims/index.js';
import { say } from '../context.js';

/** Adds `sijil claims extract FILE [--json]`: figures in a document, proposed for confirmation. */
export function registerClaimsCommand(program: Command): void {
  const claims = program
    .command('claims')
    .description('figures stated by statements and articles (the claims ledger)');
  claims
    .command('extract')
    .description('propose the figures stated in a text file as claims for a person to confirm')
    .argument('<file>', 'a UTF-8 text file (English or Arabic)')
    .option('--json', 'one JSON object per line: value, qualifier, category, quote, start, end')
    .action(async (file: string, options: { json?: boolean }) => {
      const text = stripBom(await readFile(file, 'utf8'));
      const found = extractClaims(text);
      if (options.json) {
        for (const claim of found) say(JSON.stringify(claimJson(claim)));
        return;
      }
      printTable(found);
    });
}

// Offsets are into the text after the BOM, which is what an editor shows.
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// Fixed key order, so the lines diff cleanly between runs.
function claimJson(claim: ExtractedClaim): ExtractedClaim {
  const { value, qualifier, category, quote, start, end } = claim;
  return { value, qualifier, category, quote, start, end };
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
  for (const row of rows) say(line(row));
  say();
  say(
    `${found.length} proposed claim${found.length === 1 ? '' : 's'}: confirm each before it enters the ledger.`,
  );
}

function oneLine(quote: string): string {
  return quote.replace(/\s+/g, ' ');
}
