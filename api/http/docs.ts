import type { OpenAPIHono } from '@hono/zod-openapi';
import { html, raw } from 'hono/html';
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
 * A readable page generated from the same OpenAPI document, served by the API itself: no CDN, so it
 * works on an intranet without internet access. Everything is escaped by hono/html.
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
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 4rem; color: #1d1d1f; }
  h1 { margin-bottom: 0 } h2 { margin-top: 2.5rem; border-bottom: 2px solid #f2b705; }
  details { border: 1px solid #ddd; border-radius: 6px; margin: .5rem 0; }
  summary { cursor: pointer; padding: .5rem .75rem; font-family: ui-monospace, monospace; }
  .m { display: inline-block; min-width: 4.5rem; font-weight: 700; text-transform: uppercase; }
  .get { color: #0b6e4f } .post { color: #1f5fbf } .put, .patch { color: #9a5b00 } .delete { color: #b3261e }
  .body { padding: 0 1rem 1rem; } pre { background: #f6f6f4; padding: .75rem; overflow: auto; font-size: 13px; }
  code { font-family: ui-monospace, monospace; }
</style>
</head>
<body>
<h1>Ruche API</h1>
<p>${doc.info.description ?? ''}</p>
<p>Machine-readable: <a href="/api/openapi.json"><code>/api/openapi.json</code></a> (OpenAPI 3.1).</p>
${[...byTag].map(
  ([tag, ops]) => html`<h2>${tag}</h2>
  ${ops.map(
    ({ method, path, op }) => html`<details>
      <summary><span class="m ${method}">${method}</span> ${path} — ${op.summary ?? ''}</summary>
      <div class="body">
        ${op.parameters?.length
          ? html`<h4>Parameters</h4><ul>${op.parameters.map(
              (p: any) => html`<li><code>${p.name}</code> (${p.in}${p.required ? ', required' : ''}) ${p.description ?? ''}</li>`,
            )}</ul>`
          : ''}
        ${op.requestBody ? html`<h4>Body</h4><pre>${show(schemaOf(op.requestBody.content))}</pre>` : ''}
        <h4>Responses</h4>
        <ul>${Object.entries(op.responses ?? {}).map(
          ([status, r]: [string, any]) => html`<li><b>${status}</b> ${r.description ?? ''}</li>`,
        )}</ul>
      </div>
    </details>`,
  )}`,
)}
<h2>Schemas</h2>
${Object.entries(doc.components?.schemas ?? {}).map(
  ([name, schema]) => html`<details><summary>${name}</summary><div class="body"><pre>${show(schema)}</pre></div></details>`,
)}
${raw('')}
</body>
</html>`;
}
