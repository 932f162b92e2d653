/**
 * `npm run bench`: the figures that say Ruche is light and fast. Each figure is printed with its
 * ratio to a baseline measured in the same run (these machines are shared and noisy; absolute
 * times mean little, ratios hold). Budgets are checked here: the exit code is non-zero when one is
 * exceeded. Results go to bench/results.json.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { checkCorrectnessUnderLoad, measureApi, type LoadFigure } from './api.ts';
import { launchBrowser, measureBatching, measureHostPage, measurePageTransfer, type PageTransfer } from './browser.ts';
import { measureBundle } from './bundle.ts';
import { measureRankingQuality } from './ranking-quality.ts';
import { startBenchServer } from './server.ts';
import { measureAtVolume } from './volume.ts';

process.env.RUCHE_JWT_SECRET ??= randomBytes(32).toString('base64url');
const only = process.argv[2];
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
const failures: string[] = [];
const lines: string[] = [];
const print = (line = '') => {
  lines.push(line);
  console.log(line);
};

function budget(name: string, value: number, limit: number, unit: string) {
  const ok = value <= limit;
  if (!ok) failures.push(`${name}: ${value} ${unit} > budget ${limit} ${unit}`);
  return `${ok ? '✓' : '✗'} ≤ ${limit} ${unit}`;
}

/** A size budget in KB (the failure, if any, in bytes). */
function budgetKb(name: string, bytes: number, limitKb: number) {
  return budget(name, bytes, limitKb * KB, 'B').replace(`${limitKb * KB} B`, `${limitKb} KB`);
}

async function apiSection() {
  const databases: ('postgresql' | 'embedded')[] = process.env.DATABASE_URL ? ['postgresql', 'embedded'] : ['embedded'];
  results.api = {};
  for (const database of databases) {
    const server = await startBenchServer(database, { RUCHE_JWT_SECRET: process.env.RUCHE_JWT_SECRET!, RUCHE_LOG: 'error' });
    try {
      const figures = await measureApi(server.url);
      const correctness = await checkCorrectnessUnderLoad(server.url);
      (results.api as Record<string, unknown>)[database] = { figures, correctness };
      print(`\n### API under load — ${database === 'postgresql' ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite (default)'}\n`);
      print('| workload | req/s | p50 ms | p99 ms | req/s vs bare route | p50 vs bare | p99 vs bare | errors |');
      print('|---|---:|---:|---:|---:|---:|---:|---:|');
      for (const f of figures as LoadFigure[]) {
        print(`| ${f.workload} | ${f.requestsPerSecond} | ${f.p50Ms} | ${f.p99Ms} | ${f.rpsRatio ?? 1} | ${f.p50Ratio ?? 1} | ${f.p99Ratio ?? 1} | ${f.errors + f.non2xx} |`);
        if (f.errors + f.non2xx > 0) failures.push(`${database} ${f.workload}: ${f.errors} errors, ${f.non2xx} non-2xx answers`);
      }
      print(`\nCorrectness under load (${database}): 200 concurrent likes on one subject → counted ${correctness.likesCounted} ` +
        `(${correctness.likesAccepted} accepted); 1,000 concurrent comments → ${correctness.commentsStored} stored, ${correctness.commentsDistinct} distinct ` +
        `(${correctness.commentsAccepted} accepted).`);
      if (correctness.likesCounted !== 200) failures.push(`${database}: 200 likes counted as ${correctness.likesCounted}`);
      if (correctness.commentsStored !== 1000 || correctness.commentsDistinct !== 1000) failures.push(`${database}: 1000 comments stored as ${correctness.commentsStored} (${correctness.commentsDistinct} distinct)`);
    } finally {
      await server.stop();
    }
  }
}

const KB = 1024;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** The widgets as `npm start` would serve them: built again only if a source changed since the last build. */
function buildIfChanged() {
  const build = spawnSync('npm', ['run', 'prestart', '--silent'], { cwd: new URL('../', import.meta.url).pathname, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the widget build failed');
}

async function bundleSection() {
  buildIfChanged();
  const b = await measureBundle();
  results.bundle = b;
  print('\n### Bundle (minified, gzipped)\n');
  print('| what | gzipped | vs Lit alone | budget |');
  print('|---|---:|---:|---|');
  const ratio = (bytes: number) => `${(bytes / b.litAlone).toFixed(2)}×`;
  print(`| Lit alone (baseline, built in this run) | ${kb(b.litAlone)} | 1.00× | |`);
  print(`| loader (/ruche.js) | ${kb(b.loader)} | ${ratio(b.loader)} | ${budgetKb('loader', b.loader, 4)} |`);
  print(`| page with likes only (news list) | ${kb(b.likesPage)} | ${ratio(b.likesPage)} | |`);
  print(`| page with comments + likes | ${kb(b.commentsAndLikesPage)} | ${ratio(b.commentsAndLikesPage)} | ${budgetKb('comments + likes page', b.commentsAndLikesPage, 20)} |`);
  print(`| … in the build's brotli copies, as the server sends them | ${kb(b.commentsAndLikesPageBrotli)} | ${ratio(b.commentsAndLikesPageBrotli)} | |`);
  for (const page of b.pages) {
    print(`| page with ${page.element}, at first | ${kb(page.gzip)} | ${ratio(page.gzip)} | |`);
    print(`| … and all it may load later for a member | ${kb(page.withOnDemand)} | ${ratio(page.withOnDemand)} | |`);
  }
  print(`| all widgets | ${kb(b.allWidgets)} | ${ratio(b.allWidgets)} | |`);
  print(`| … of which stewards' tools only | ${kb(b.parts.stewardsOnly)} | ${ratio(b.parts.stewardsOnly)} | |`);
  print(`| … of which English words | ${kb(b.parts.englishWords)} | ${ratio(b.parts.englishWords)} | |`);
  print(`| … of which the demo picker | ${kb(b.parts.demoPicker)} | ${ratio(b.parts.demoPicker)} | |`);
  print(`| all widgets as one file (no chunking) | ${kb(b.allWidgetsAsOneFile)} | ${ratio(b.allWidgetsAsOneFile)} | |`);
  print('\nChunks (gzipped / brotli): ' + b.files.map((f) => `${f.file} ${kb(f.gzip)} / ${kb(f.brotli)}`).join(', '));
  print('Anchors (gzipped JS+CSS, from their releases): Remark42 ≈ 73 KB, Isso ≈ 22 KB, Commento ≈ 14 KB, Cusdis ≈ 8.5 KB (no likes).');
}

/** The demo's pages, each with a widget, and what each may weigh on the wire (signed in, first visit). */
const PAGES: { path: string; what: string; budgetKb: number }[] = [
  { path: '/demo/article.html', what: 'comments and likes (the article)', budgetKb: 18 },
  { path: '/demo/idees.html', what: 'idea boxes (Boîte à idées)', budgetKb: 30 },
  { path: '/demo/annuaire.html', what: 'expert finder and person cards (Annuaire des experts)', budgetKb: 30 },
  { path: '/demo/tableau-de-bord.html', what: 'pulse (Tableau de bord)', budgetKb: 30 },
];

const answersOf = (t: PageTransfer) => t.answers.map((a) => `${a.path} ${a.bytes} B${a.encoding ? ` ${a.encoding}` : ''}`).join(', ');

async function browserSection() {
  buildIfChanged();
  const server = await startBenchServer('embedded', { RUCHE_LOG: 'error' }); // demo mode: seeded article, anonymous reading
  const browser = await launchBrowser();
  try {
    const host = await measureHostPage(browser, server.url);
    const batching = await measureBatching(browser, server.url);
    // Élodie is a member of the demo's default space; Karim is one of its stewards.
    const transfers: PageTransfer[] = [];
    for (const page of PAGES) transfers.push(await measurePageTransfer(browser, server.url, page.path, 'Élodie Petit'));
    const steward = await measurePageTransfer(browser, server.url, PAGES[0]!.path, 'Karim Haddad');
    results.hostPage = host;
    results.batching = batching;
    results.transfer = { member: transfers, stewardOnArticle: steward };
    print('\n### What a page costs on the wire (signed in, first visit, bytes Chromium received from Ruche)\n');
    print('Élodie Petit, a member, picked in the demo picker; HTTP cache off; every widget scrolled into view, live updates started. ' +
      'Counted: everything Ruche\'s server sent (code, API answers, live stream), headers included; not the host page\'s own files.\n');
    print('| page | transferred | code | API answers | live stream | of which headers | host page (not counted) | budget |');
    print('|---|---:|---:|---:|---:|---:|---:|---|');
    transfers.forEach((t, i) => {
      const page = PAGES[i]!;
      print(`| ${page.what} | ${kb(t.total)} | ${kb(t.byKind.code)} | ${kb(t.byKind.api)} | ${kb(t.byKind.live)} | ${kb(t.headerBytes)} | ${kb(t.hostPage)} | ` +
        `${budgetKb(`${page.path}, transferred`, t.total, page.budgetKb)} |`);
    });
    print(`\nA steward of the space (Karim Haddad) on the article: ${kb(steward.total)}, with the moderation moves under each comment.`);
    print('\nEach answer (bytes received, encoding):');
    for (const t of transfers) print(`- ${t.page}: ${answersOf(t)}`);
    print(`\n### Host-page cost (demo article, headless Chromium, median of ${host.runs} alternated runs)\n`);
    print('| figure | without Ruche | with Ruche | added | budget |');
    print('|---|---:|---:|---:|---|');
    print(`| long tasks (> 50 ms) | ${host.without.longTasks} | ${host.withWidgets.longTasks} | ${host.added.longTasks} | ${budget('long tasks added', host.added.longTasks, 0, '')} |`);
    print(`| total blocking time | ${host.without.blockingMs} ms | ${host.withWidgets.blockingMs} ms | ${host.added.blockingMs} ms | |`);
    print(`| layout shift (CLS) | ${host.without.cls} | ${host.withWidgets.cls} | ${host.added.cls} | ${budget('CLS added', host.added.cls, 0.01, '')} |`);
    print(`| load event | ${host.without.loadMs} ms | ${host.withWidgets.loadMs} ms | ${host.withWidgets.loadMs - host.without.loadMs} ms | |`);
    print(`\nComments visible ${host.commentsAfterLoadMs} ms after the page's load event (${host.withWidgets.commentsVisibleMs} ms after navigation).`);
    print(`\n### Batching (a news list with ${batching.likeButtons} like buttons)\n`);
    print(`Requests for the counts: ${batching.likeRequests} (${budget('like count requests', batching.likeRequests, 1, '')}). ` +
      `All ${batching.likeButtons} counts shown after ${batching.allCountsMs} ms, against ${batching.oneButtonMs} ms for a page with one button (×${batching.ratio}).`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function rankingSection() {
  const quality = await measureRankingQuality({ databaseUrl: process.env.DATABASE_URL });
  const expertsPerQuery = 5;
  const random = expertsPerQuery / quality.people; // expected precision of picking people at random
  results.ranking = { precisionAt5: quality.precisionAt5, mrr: quality.mrr, queries: quality.queries, people: quality.people, posts: quality.posts };
  print('\n### Expert finder ranking quality (labelled synthetic set)\n');
  print(`${quality.queries} queries over ${quality.people} people and ${quality.posts} posts (French and English): ` +
    `precision@5 ${quality.precisionAt5.toFixed(3)} (random: ${random.toFixed(3)}, ×${(quality.precisionAt5 / random).toFixed(1)}), MRR ${quality.mrr.toFixed(3)}.`);
}

async function volumeSection() {
  if (!process.env.DATABASE_URL) {
    print('\n### At volume\n\nSkipped: it runs on PostgreSQL, and DATABASE_URL is not set.');
    return;
  }
  const volume = await measureAtVolume(process.env.DATABASE_URL);
  results.volume = volume;
  print(`\n### At volume — PostgreSQL, ${volume.comments.toLocaleString('en')} comments, without and with the indexes of 011_indexes.sql\n`);
  print('| workload | without (baseline) | with | faster with them |');
  print('|---|---:|---:|---:|');
  for (const f of volume.figures) print(`| ${f.workload} | ${f.withoutMs} ms | ${f.withMs} ms | ×${f.ratio} |`);
}

const sections: [string, () => Promise<void>][] = [
  ['bundle', bundleSection],
  ['browser', browserSection],
  ['api', apiSection],
  ['ranking', rankingSection],
  ['volume', volumeSection],
];
const started = Date.now();
// Minutes of sequential scans for its baseline: run when asked for by name.
const asked = new Set(['volume']);
for (const [name, section] of sections) {
  if (only ? name !== only : asked.has(name)) continue;
  await section();
}
results.seconds = Math.round((Date.now() - started) / 1000);
results.budgetFailures = failures;
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
print(`\n${failures.length ? `Budgets exceeded:\n- ${failures.join('\n- ')}` : 'All budgets met.'} (${results.seconds} s; bench/results.json written)`);
process.exit(failures.length ? 1 : 0);
