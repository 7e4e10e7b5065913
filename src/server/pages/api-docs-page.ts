import { escapeHtml as e } from '../html.js';

interface Operation {
  summary: string;
  description?: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  security: object[];
  'x-permission'?: string;
}

interface Document {
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
}

function describeSchema(schema: Record<string, unknown>): string {
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.map(String).join(', ')}`);
  else if (typeof schema.type === 'string') parts.push(schema.type);
  if (schema.minimum !== undefined) parts.push(`≥ ${JSON.stringify(schema.minimum)}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${JSON.stringify(schema.maximum)}`);
  if (schema.maxLength !== undefined)
    parts.push(`at most ${JSON.stringify(schema.maxLength)} characters`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join(', ');
}

/**
 * The API reference as a plain page (no script, so the strict CSP holds): every operation of
 * the OpenAPI document with who may call it and what it takes. The document itself is at
 * /api/docs/openapi.json for tools.
 */
export function renderApiDocsPage(doc: Document): string {
  const byTag = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const who =
        op.security.length === 0
          ? 'public'
          : op['x-permission']
            ? `signed in, permission <code>${e(op['x-permission'])}</code>`
            : 'signed in';
      const params = op.parameters
        .map(
          (p) =>
            `<li><code>${e(p.name)}</code> (${e(p.in)}${p.required ? ', required' : ''}): ${e(describeSchema(p.schema))}</li>`,
        )
        .join('');
      const body = op.requestBody
        ? `<details><summary>JSON body</summary><pre>${e(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2))}</pre></details>`
        : '';
      const html = `<section><h3><code>${e(method.toUpperCase())} ${e(path)}</code></h3><p>${e(op.summary)}</p>${op.description ? `<p>${e(op.description)}</p>` : ''}<p><small>${who}</small></p>${params ? `<ul>${params}</ul>` : ''}${body}</section>`;
      const tag = op.tags[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, ops]) => `<h2>${e(tag)}</h2>\n${ops.join('\n')}`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.info.title)} ${e(doc.info.version)}</title>
<style>
body{font-family:system-ui,"Noto Sans Arabic",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;line-height:1.5}
section{border-bottom:1px solid #ddd;padding:.4rem 0}h3{margin:.4rem 0;font-size:1rem}pre{background:#f5f5f7;padding:.6rem;overflow:auto}
</style>
</head>
<body>
<h1>${e(doc.info.title)} <small>${e(doc.info.version)}</small></h1>
<p>${e(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/docs/openapi.json">/api/docs/openapi.json</a> (OpenAPI 3.1).</p>
${sections}
</body>
</html>`;
}
