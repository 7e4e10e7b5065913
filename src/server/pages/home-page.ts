import type { DocumentSummary } from '../../db/repositories/document-repository.js';
import type { SourceSummary } from '../../db/repositories/source-repository.js';
import { escapeHtml as e } from '../html.js';

export interface HomePageData {
  sources: SourceSummary[];
  documents: DocumentSummary[];
  records: number;
  persons: number;
  storeKind: string;
}

const n = (x: number) => x.toLocaleString('en');

/**
 * The plain page at /about: what the register holds, read from the
 * store, with an honest word on where the demo data comes from. No script, so the CSP is strict.
 */
export function renderHomePage(d: HomePageData): string {
  const sourceRows = d.sources
    .map(
      (s) =>
        `<tr><td><code>${e(s.slug)}</code></td><td>${e(s.nameEn)}${s.nameAr ? `<br><span lang="ar" dir="rtl">${e(s.nameAr)}</span>` : ''}</td><td>${e(s.kind.replace('_', ' '))}</td><td class="num">${n(s.records)}</td><td class="num">${n(s.batches)}</td><td class="num">${n(s.documents)}</td></tr>`,
    )
    .join('\n');
  const documentRows = d.documents
    .map(
      (doc) =>
        `<li>${doc.url ? `<a href="${e(doc.url)}" rel="noopener noreferrer">${e(doc.title)}</a>` : e(doc.title)} <small>(${e(doc.source ?? 'no source')}${doc.publishedOn ? `, ${e(doc.publishedOn)}` : ''}; ${n(doc.characters)} characters; SHA-256 <code>${e(doc.sha256.slice(0, 12))}…</code>)</small></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sijil · سجل — the register</title>
<style>
body{font-family:system-ui,"Noto Sans Arabic",sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;line-height:1.5}
h1{margin-bottom:0}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:start;vertical-align:top}
.num{text-align:end;font-variant-numeric:tabular-nums}.note{background:#f5f5f7;padding:.8rem 1rem;border-radius:6px}
</style>
</head>
<body>
<h1>Sijil <span lang="ar" dir="rtl">سجل</span></h1>
<p>A casualty and violations register. This page reads the store (${e(d.storeKind)}) each time it is opened.</p>
<p><strong>${n(d.records)}</strong> records from <strong>${n(d.sources.filter((s) => s.records > 0).length)}</strong> lists; <strong>${n(d.persons)}</strong> persons (each record counts as its own person until linkage finds the same person across lists, so this is not yet a count of unique victims).</p>
<h2>Sources</h2>
<table>
<thead><tr><th>slug</th><th>name</th><th>kind</th><th class="num">records</th><th class="num">imports</th><th class="num">documents</th></tr></thead>
<tbody>
${sourceRows || '<tr><td colspan="6">No sources yet. Import a list with <code>npx sijil import FILE --source SLUG --create-source</code>.</td></tr>'}
</tbody>
</table>
<h2>Documents</h2>
<ul>
${documentRows || '<li>No documents yet.</li>'}
</ul>
<div class="note">
<h2>About the demo data</h2>
<p>If this register was started with the demo, its lists are three releases (13 April, 8 August and 21 September 2024) of the Gaza Ministry of Health's list of people killed in the Gaza Strip since 7 October 2023, as published by TechForPalestine's <code>palestine-datasets</code> (public domain). They are real names of real people. The Latin names are machine transliterations made by the publisher. The register adds to each row only what the list implies: killed, in the Gaza Strip, between 7 October 2023 and the release date. The documents are five public texts (open letters, an article, an encyclopedia article and a human-rights network's statement) kept with their SHA-256 hashes.</p>
</div>
</body>
</html>
`;
}
