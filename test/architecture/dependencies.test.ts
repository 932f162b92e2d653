import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cycles, importGraph, type ImportEdge } from './import-graph.ts';

/**
 * Which way dependencies run. Features stand on shared layers, never the reverse; the server and
 * the browser code keep apart; no file is part of an import loop. Each rule names what breaks it.
 */
const { files, edges } = importGraph(['api', 'widgets', 'shared', 'extension', 'scripts', 'bench', 'demo']);

const FEATURES = /^api\/(comments|ideas|likes|experts|pulse|stewardship|privacy|directory|health|static|demo)\//;
/**
 * What features stand on: they import no feature (a feature registers what it needs with them).
 * `moderation` holds the rules and records a post meets (holds, word lists, reports, the audit log,
 * what its author is told); `readings` the daily reader counts; `spaces` who may read and write.
 */
const LAYERS_BELOW_FEATURES = /^api\/(db|http|identity|people|spaces|subjects|events|moderation|readings|notifications)\//;
/** The demo seeds every feature: api/demo/ and each feature's demo.ts stand above them all. */
const DEMO = /^api\/(demo\/|[a-z-]+\/demo\.ts$)/;
const featureOf = (file: string) => FEATURES.exec(file)?.[1];

const show = (found: ImportEdge[]) => found.map((edge) => `${edge.from} → ${edge.to}${edge.typeOnly ? ' (types)' : ''}`).join('\n');

/**
 * Imports that cross a rule, each with why it stands: one feature built on another's records, where
 * moving the shared part below both would split that feature's own rule. The list may only shrink: a
 * new crossing fails (move what both need to a layer below), and so does one listed that is gone.
 */
const KNOWN_CROSSINGS: Record<string, string> = {
  'api/directory/import.ts → api/experts/skills-store.ts': 'the directory import gives people skills in the experts’ vocabulary (its key, label and synonyms)',
  'api/experts/routes.ts → api/comments/store.ts': 'a question to the experts is a comment of a Q&A thread: written and shown by the comments’ store',
  'api/experts/schemas.ts → api/comments/schemas.ts': 'the experts’ questions and answers are comments, in the comments’ shape',
  'api/likes/routes.ts → api/comments/schemas.ts': 'a subject’s likes answer in the LikeState of a comment’s likes',
  'api/likes/schemas.ts → api/comments/schemas.ts': 'a subject’s likes answer in the LikeState of a comment’s likes',
  'api/privacy/erasure-store.ts → api/comments/store.ts': 'erasing a person retracts their comments through the comments’ store (live events, settled questions)',
  'api/pulse/schemas.ts → api/ideas/schemas.ts': 'the pulse counts ideas by status: the statuses are the ideas’ own',
  'api/pulse/store.ts → api/ideas/schemas.ts': 'the pulse counts ideas by status: the statuses are the ideas’ own',
  'api/stewardship/actions.ts → api/comments/store.ts': 'stewards hide, restore, approve and reject comments through the comments’ store',
  'api/stewardship/actions.ts → api/ideas/store.ts': 'stewards hide, restore, approve and reject ideas through the ideas’ store',
  'api/stewardship/routes.ts → api/ideas/access.ts': 'the queue and a report of an idea find it, and what the steward may see of it, by the ideas’ own access rule',
  'api/stewardship/store.ts → api/ideas/store.ts': 'the stewards’ queue shows an anonymous idea’s author by the ideas’ own rule (authorVisibleTo)',
};

function breaking(rule: (edge: ImportEdge) => boolean): ImportEdge[] {
  return edges.filter((edge) => rule(edge) && !(`${edge.from} → ${edge.to}` in KNOWN_CROSSINGS));
}

describe('dependencies run one way', () => {
  test('the graph is read: every relative import leads to a file of the repository', () => {
    assert.ok(files.length > 200 && edges.length > 600, `${files.length} files, ${edges.length} imports`);
    const unresolved = edges.filter((edge) => !files.includes(edge.to) && /^(api|widgets|shared|extension|scripts|bench|demo)\//.test(edge.to));
    assert.deepEqual(unresolved, []);
  });

  test('no file is part of an import loop (type imports and import() included)', () => {
    const loops = cycles(files.filter((file) => /^(api|widgets|shared|extension)\//.test(file)), edges);
    assert.deepEqual(
      loops.map((loop) => loop.join(' ⇄ ')),
      [],
      'import loops: undo them (a type can move to the file below both; a lazily loaded half declares the host it needs)',
    );
  });

  test('the server imports nothing from scripts/, bench/ or the tests', () => {
    assert.equal(show(breaking((edge) => edge.from.startsWith('api/') && /^(scripts|bench|test)\//.test(edge.to))), '');
  });

  test('the layers below the features (database, HTTP, identity, people, spaces, subjects, live events, moderation rules) import no feature', () => {
    assert.equal(show(breaking((edge) => LAYERS_BELOW_FEATURES.test(edge.from) && FEATURES.test(edge.to))), '');
  });

  test('every folder of api/ is a feature or a layer below them', () => {
    const folders = [...new Set(files.filter((file) => /^api\/[^/]+\//.test(file)).map((file) => file.split('/').slice(0, 2).join('/') + '/'))];
    assert.deepEqual(folders.filter((folder) => !FEATURES.test(folder) && !LAYERS_BELOW_FEATURES.test(folder)), [], 'name the new folder in FEATURES or LAYERS_BELOW_FEATURES');
  });

  test('a feature imports no other feature: what two features share sits in a layer below them (the demo, above all, excepted)', () => {
    const crossing = (edge: ImportEdge) => {
      const from = featureOf(edge.from);
      const to = featureOf(edge.to);
      return !!from && !!to && from !== to && !DEMO.test(edge.from);
    };
    assert.equal(show(breaking(crossing)), '');
  });

  test('only the demo, what a feature adds to it (its demo.ts) and the app that mounts it know the demo', () => {
    const allowed = /^api\/(demo\/|[a-z-]+\/demo\.ts$|app\.ts$|server\.ts$)/;
    assert.equal(show(breaking((edge) => edge.from.startsWith('api/') && !allowed.test(edge.from) && edge.to.startsWith('api/demo/'))), '');
  });

  test('the widgets and the extension take only types from the server side (no zod, no server code in a bundle)', () => {
    assert.equal(show(breaking((edge) => /^(widgets|extension)\//.test(edge.from) && /^(api|scripts|bench|test)\//.test(edge.to) && !edge.typeOnly)), '');
  });

  test('shared/ runs on both sides and depends on neither (types of the API excepted)', () => {
    assert.equal(show(breaking((edge) => edge.from.startsWith('shared/') && /^(api|widgets|extension|scripts)\//.test(edge.to) && !edge.typeOnly)), '');
  });

  test('the known crossings still exist (take off those undone)', () => {
    const now = new Set(edges.map((edge) => `${edge.from} → ${edge.to}`));
    assert.deepEqual(Object.keys(KNOWN_CROSSINGS).filter((crossing) => !now.has(crossing)), []);
  });
});
