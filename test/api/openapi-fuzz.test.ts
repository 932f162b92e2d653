import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { casesOf, operationsOf, RequestArbitraries, urlOf, type Case, type Operation } from '../support/openapi-fuzz.ts';
import { createTestApi, type TestApi } from '../support/api.ts';

/**
 * Every route of the OpenAPI document, called on the real app and database with requests made from
 * the document (test/support/openapi-fuzz.ts says what "malformed" means): no 5xx, every error a
 * JSON `{ error: { code, message } }`, every malformed request refused. Deterministic: a fixed seed
 * per operation and a bounded number of runs (RUCHE_FUZZ_RUNS, 60 by default). A failure prints the
 * smallest request fast-check found, with the seed and path to replay it.
 */
const RUNS = Number(process.env.RUCHE_FUZZ_RUNS ?? 60);
/** To replay some routes: RUCHE_FUZZ_ONLY="^POST /api/comments" (a regular expression on "METHOD path"). */
const ONLY = process.env.RUCHE_FUZZ_ONLY;
const SEED = 20_261_114;

let api: TestApi;
let operations: Operation[];
let arbitraries: RequestArbitraries;
const owner = { sub: 'fuzz-owner', name: 'Fuzz Owner', admin: true };
const fuzzer = { sub: 'fuzzer', name: 'Fuzzer', admin: true };
const tokens: Record<string, string> = {};
let keys = 0;

before(async () => {
  // Webhooks may only post to a host nobody generates, so nothing leaves the machine.
  api = await createTestApi({ RUCHE_WEBHOOK_HOSTS: 'hooks.fuzz.invalid' });
  const created = async (path: string, body: unknown) => {
    const answer = await api.post(path, body, { as: owner });
    assert.ok(answer.status < 300, `${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  await created('/api/spaces', { slug: 'fuzz', name: 'Fuzz', visibility: 'open' });
  const comment = await created('/api/comments', { space: 'fuzz', subject: 'https://intranet.example.com/actu/1', body: 'Une remarque sur le portail.' });
  const idea = await created('/api/ideas', { space: 'fuzz', title: 'Un annuaire des compétences', description: 'Pour trouver qui sait quoi.' });
  const campaign = await created('/api/ideas/campaigns', { space: 'fuzz', slug: 'campagne', title: 'Campagne', question: 'Que changer ?' });
  const ownerId = (await api.get('/api/me', { as: owner })).body.id;
  const fuzzerId = (await api.get('/api/me', { as: fuzzer })).body.id;
  tokens.fuzzer = await api.token(fuzzer);

  const doc = (await api.get('/api/openapi.json')).body;
  operations = operationsOf(doc);
  arbitraries = new RequestArbitraries(doc, {
    uuid: [comment.id, idea.id, campaign.id, ownerId, fuzzerId, '00000000-0000-4000-8000-000000000000'],
    slug: ['general', 'fuzz', 'campagne', 'nowhere'],
    text: ['Bonjour', 'Une remarque sur le portail.', 'https://intranet.example.com/actu/1', 'excel', 'comptabilité fournisseurs', 'fr'],
  });
});
after(() => api.close());

interface Outcome {
  status: number;
  problem: string | null;
}

async function call(operation: Operation, { request, malformed }: Case, signedIn: boolean): Promise<Outcome> {
  const headers: Record<string, string> = { ...request.headers };
  // Keys drawn at random repeat ('#' again), and a key reused for another request is a 422 before
  // anything is validated: each request gets a key of its own, unless the key is what is broken.
  if (headers['idempotency-key'] !== undefined && !malformed?.startsWith('header idempotency-key')) {
    headers['idempotency-key'] = `${headers['idempotency-key']}-${++keys}`;
  }
  if (signedIn) headers.authorization = `Bearer ${tokens.fuzzer}`;
  let body: string | undefined;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] = 'application/json';
  }
  const controller = new AbortController();
  if (process.env.RUCHE_FUZZ_TRACE) console.error('[fuzz]', operation.method, urlOf(operation, request), body ?? '', signedIn ? '' : '(anonymous)');
  const response = await api.app.request(urlOf(operation, request), { method: operation.method, headers, body, signal: controller.signal });
  const type = response.headers.get('content-type') ?? '';
  let text = '';
  if (type.startsWith('text/event-stream')) {
    controller.abort();
    await response.body?.cancel().catch(() => {});
  } else {
    text = await response.text();
  }
  const { status } = response;
  if (status >= 500) return { status, problem: `a server error: ${text.slice(0, 300)}` };
  if (status >= 400) {
    let error: { code?: unknown; message?: unknown } | undefined;
    try {
      error = JSON.parse(text).error;
    } catch {
      return { status, problem: `an error that is not JSON (${type}): ${text.slice(0, 200)}` };
    }
    if (!/^application\/json/.test(type) || typeof error?.code !== 'string' || typeof error.message !== 'string') {
      return { status, problem: `an error without { error: { code, message } } (${type}): ${text.slice(0, 200)}` };
    }
  } else if (malformed) {
    return { status, problem: `malformed input accepted (${malformed})` };
  }
  return { status, problem: null };
}

describe('every route of the OpenAPI document, fuzzed', () => {
  test('the document lists the routes (so the fuzz below covers them)', () => {
    assert.ok(operations.length >= 70, `${operations.length} operations`);
  });

  // Operations are known only once the app is up: one test registers a subtest for each.
  test('no 5xx, JSON errors, malformed input refused', async (t) => {
    let calls = 0;
    const statuses = new Map<string, number>();
    for (const [index, operation] of operations.entries()) {
      if (ONLY && !new RegExp(ONLY).test(`${operation.method} ${operation.path}`)) continue;
      await t.test(`${operation.method} ${operation.path}`, async () => {
        const cases = fc.tuple(casesOf(arbitraries, operation), fc.constantFrom(true, true, true, false));
        await fc.assert(
          fc.asyncProperty(cases, async ([fuzzCase, signedIn]) => {
            calls++;
            const outcome = await call(operation, fuzzCase, signedIn);
            const tally = `${fuzzCase.malformed ? 'malformed' : 'well-formed'} ${outcome.status}`;
            statuses.set(tally, (statuses.get(tally) ?? 0) + 1);
            if (outcome.problem) {
              throw new Error(`${operation.method} ${urlOf(operation, fuzzCase.request)} → ${outcome.status}: ${outcome.problem}\nbody: ${JSON.stringify(fuzzCase.request.body)}\nheaders: ${JSON.stringify(fuzzCase.request.headers)}${signedIn ? '' : ' (anonymous)'}`);
            }
          }),
          { seed: SEED + index, numRuns: RUNS, endOnFailure: false },
        );
      });
    }
    t.diagnostic(`${operations.length} operations, ${calls} requests: ${[...statuses].sort().map(([tally, n]) => `${tally}: ${n}`).join(', ')}`);
  });
});
