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
import { launchBrowser, measureBatching, measureHostPage, measureTransferredJs } from './browser.ts';
import { gzipSize, measureBundle } from './bundle.ts';
import { measureRankingQuality } from '../api/experts/quality.ts';
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

async function bundleSection() {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: new URL('../', import.meta.url).pathname, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the widget build failed');
  const b = await measureBundle();
  results.bundle = b;
  print('\n### Bundle (minified, gzipped)\n');
  print('| what | gzipped | vs Lit alone | budget |');
  print('|---|---:|---:|---|');
  const ratio = (bytes: number) => `${(bytes / b.litAlone).toFixed(2)}×`;
  print(`| Lit alone (baseline, built in this run) | ${kb(b.litAlone)} | 1.00× | |`);
  print(`| loader (/ruche.js) | ${kb(b.loader)} | ${ratio(b.loader)} | ${budget('loader', b.loader, 4 * KB, 'B')} |`);
  print(`| page with likes only (news list) | ${kb(b.likesPage)} | ${ratio(b.likesPage)} | |`);
  print(`| page with comments + likes | ${kb(b.commentsAndLikesPage)} | ${ratio(b.commentsAndLikesPage)} | ${budget('comments + likes page', b.commentsAndLikesPage, 20 * KB, 'B')} |`);
  for (const page of b.pages) {
    print(`| page with ${page.element}, at first | ${kb(page.gzip)} | ${ratio(page.gzip)} | |`);
    print(`| … and all it may load later for a member | ${kb(page.withOnDemand)} | ${ratio(page.withOnDemand)} | |`);
  }
  print(`| all widgets | ${kb(b.allWidgets)} | ${ratio(b.allWidgets)} | ${budget('all widgets', b.allWidgets, 35 * KB, 'B')} |`);
  print(`| … of which stewards' tools only | ${kb(b.parts.stewardsOnly)} | ${ratio(b.parts.stewardsOnly)} | |`);
  print(`| … of which English words | ${kb(b.parts.englishWords)} | ${ratio(b.parts.englishWords)} | |`);
  print(`| … of which the demo picker | ${kb(b.parts.demoPicker)} | ${ratio(b.parts.demoPicker)} | |`);
  print(`| all widgets as one file (no chunking) | ${kb(b.allWidgetsAsOneFile)} | ${ratio(b.allWidgetsAsOneFile)} | |`);
  print('\nChunks: ' + b.files.map((f) => `${f.file} ${kb(f.gzip)}`).join(', '));
  print('Anchors (gzipped JS+CSS, from their releases): Remark42 ≈ 73 KB, Isso ≈ 22 KB, Commento ≈ 14 KB, Cusdis ≈ 8.5 KB (no likes).');
}

async function browserSection() {
  const server = await startBenchServer('embedded', { RUCHE_LOG: 'error' }); // demo mode: seeded article, anonymous reading
  const browser = await launchBrowser();
  try {
    const host = await measureHostPage(browser, server.url);
    const batching = await measureBatching(browser, server.url);
    // Élodie is a member of the demo's default space; Karim is one of its stewards.
    const transferred = await measureTransferredJs(browser, server.url, gzipSize, 'Élodie Petit');
    const steward = await measureTransferredJs(browser, server.url, gzipSize, 'Karim Haddad');
    results.hostPage = host;
    results.batching = batching;
    results.transferredJs = transferred;
    results.transferredJsSteward = steward;
    print('\n### JavaScript a signed-in reader of the demo article really downloads (gzipped)\n');
    print(`${kb(transferred.total)} without the demo picker; files: ` + transferred.files.map((f) => `${f.path} ${kb(f.gzip)}`).join(', ') + '.');
    print(`Budget for a page with comments and likes, lazily loaded parts included: ${budget('comments + likes page, as downloaded', transferred.total, 20 * KB, 'B')}.`);
    const extra = steward.files.filter((f) => !transferred.files.some((r) => r.path === f.path));
    print(`A steward of the space downloads ${kb(steward.total)}: the same and their moderation moves (` + extra.map((f) => `${f.path} ${kb(f.gzip)}`).join(', ') + ').');
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
