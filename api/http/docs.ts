import type { OpenAPIHono } from '@hono/zod-openapi';
import { html, raw } from 'hono/html';
import { parseMarkdown } from '../../shared/markdown/parse.ts';
import { markdownRenderer } from '../../shared/markdown/render.ts';
import type { AppEnv } from '../context.ts';

type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

export function openApiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Ruche API',
      version: '1',
      description:
        'Comments, Q&A, likes, ideas and experts for existing intranets. Identity comes from the intranet: ' +
        'send its signed token as `Authorization: Bearer <token>`. Errors are `{ "error": { "code", "message", "details"? } }`. ' +
        'Writes accept an `Idempotency-Key` header.',
    },
    servers: [{ url: '/' }],
  });
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The document's descriptions are written in markdown (`code`, *emphasis*, links, lists). They are
 * parsed with the parser people's comments go through (raw HTML in them stays text) and rendered as
 * the widgets render comments, here with hono/html, which escapes every string: the page holds only
 * the markdown's few elements, and links only to absolute http(s) and mailto addresses.
 */
const render = markdownRenderer(html, '');

/** A description as blocks (paragraphs, lists). */
const markdown = (text: string | undefined) => (text ? render.blocks(parseMarkdown(text)) : '');

/** A description inside a line (a summary, a list item): one paragraph loses its `<p>`. */
function inlineMarkdown(text: string | undefined) {
  const tree = text ? parseMarkdown(text) : [];
  return tree.length === 1 && tree[0]!.t === 'p' ? render.inlines(tree[0]!.c) : render.blocks(tree);
}

/**
 * A readable page generated from the same OpenAPI document, served by the API itself: no CDN, so it
 * works on an intranet without internet access. Everything is escaped by hono/html; descriptions are
 * rendered from their markdown (above). Light or dark, as the reader's system is.
 */
export function docsPage(doc: OpenApiDocument) {
  const byTag = new Map<string, { method: string; path: string; op: Record<string, any> }[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, any>)[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const schemaOf = (content: any) => content?.['application/json']?.schema;
  const show = (schema: unknown) => (schema ? JSON.stringify(schema, null, 2) : '');

  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ruche API</title>
<style>
  :root { color-scheme: light dark; --text: #1d1d1f; --muted: #5b6573; --line: #ddd; --code: #f1f1ee; --link: #1f5fbf;
    --get: #0b6e4f; --post: #1f5fbf; --put: #8a5200; --delete: #b3261e; }
  @media (prefers-color-scheme: dark) {
    :root { --text: #e5e9f0; --muted: #a3adbb; --line: #3a424e; --code: #252b34; --link: #7aa7ff;
      --get: #6fd49b; --post: #7aa7ff; --put: #f3b562; --delete: #ff8a80; }
    body { background: #1b1f26; }
  }
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 4rem; color: var(--text); }
  a { color: var(--link); }
  h1 { margin-bottom: 0 } h2 { margin-top: 2.5rem; border-bottom: 2px solid #f2b705; }
  details { border: 1px solid var(--line); border-radius: 6px; margin: .5rem 0; }
  summary { cursor: pointer; padding: .5rem .75rem; }
  .m { display: inline-block; min-width: 4.5rem; font: 700 14px ui-monospace, monospace; text-transform: uppercase; }
  .get { color: var(--get) } .post { color: var(--post) } .put, .patch { color: var(--put) } .delete { color: var(--delete) }
  .path { font-size: 14px; overflow-wrap: anywhere; background: none; padding: 0; }
  .summary { color: var(--muted); }
  .body { padding: 0 1rem 1rem; } .body > p:first-child { margin-top: 0; } h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
  pre { background: var(--code); padding: .75rem; overflow: auto; font-size: 13px; }
  code { font-family: ui-monospace, monospace; font-size: .92em; }
  :not(pre) > code { background: var(--code); padding: .05em .3em; border-radius: 4px; overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
<h1>Ruche API</h1>
${markdown(doc.info.description)}
<p>Machine-readable: <a href="/api/openapi.json"><code>/api/openapi.json</code></a> (OpenAPI 3.1).</p>
${[...byTag].map(
  ([tag, ops]) => html`<h2>${tag}</h2>
  ${ops.map(
    ({ method, path, op }) => html`<details>
      <summary><span class="m ${method}">${method}</span> <code class="path">${path}</code>${op.summary ? html` — <span class="summary">${inlineMarkdown(op.summary)}</span>` : ''}</summary>
      <div class="body">
        ${markdown(op.description)}
        ${op.parameters?.length
          ? html`<h3>Parameters</h3><ul>${op.parameters.map(
              (p: any) => html`<li><code>${p.name}</code> (${p.in}${p.required ? ', required' : ''}) ${inlineMarkdown(p.description)}</li>`,
            )}</ul>`
          : ''}
        ${op.requestBody ? html`<h3>Body</h3>${markdown(op.requestBody.description)}<pre tabindex="0">${show(schemaOf(op.requestBody.content))}</pre>` : ''}
        <h3>Responses</h3>
        <ul>${Object.entries(op.responses ?? {}).map(
          ([status, r]: [string, any]) => html`<li><b>${status}</b> ${inlineMarkdown(r.description)}</li>`,
        )}</ul>
      </div>
    </details>`,
  )}`,
)}
<h2>Schemas</h2>
${Object.entries(doc.components?.schemas ?? {}).map(
  ([name, schema]) => html`<details><summary>${name}</summary><div class="body"><pre tabindex="0">${show(schema)}</pre></div></details>`,
)}
${raw('')}
</main>
</body>
</html>`;
}
