import autocannon from 'autocannon';
import { signToken } from '../api/identity/token.ts';

/**
 * API throughput and latency under load, each workload as a ratio to a bare Hono route (/livez)
 * served by the same server process in the same run, so the figure survives a noisy machine.
 */
export interface LoadFigure {
  workload: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** Throughput as a share of the bare route's, latency as a multiple of its. */
  rpsRatio?: number;
  p50Ratio?: number;
  p99Ratio?: number;
}

async function token(sub: string) {
  return signToken({ sub, name: `Bench ${sub}` }, process.env.RUCHE_JWT_SECRET!, 3600);
}

async function call(url: string, init: RequestInit & { as?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.as) headers.set('authorization', `Bearer ${await token(init.as)}`);
  if (init.body) headers.set('content-type', 'application/json');
  const response = await fetch(url, { ...init, headers });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

async function run(name: string, options: autocannon.Options): Promise<LoadFigure> {
  const result = await autocannon({ connections: 10, duration: Number(process.env.BENCH_SECONDS ?? 5), ...options });
  return {
    workload: name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export async function measureApi(baseUrl: string): Promise<LoadFigure[]> {
  // The data the workloads read: a 50-comment thread and 100 news items with likes.
  const thread = `${baseUrl.replace('127.0.0.1', 'intranet.example')}/bench/thread`;
  for (let i = 0; i < 50; i++) {
    await call(`${baseUrl}/api/comments`, {
      method: 'POST',
      as: `writer-${i % 7}`,
      body: JSON.stringify({ subject: thread, body: `Commentaire **${i}** avec un [lien](https://intranet.example.com/${i}) et du texte pour faire une longueur réaliste de commentaire.` }),
    });
  }
  const news = Array.from({ length: 100 }, (_, i) => `actu-bench-${i}`);
  for (const [i, key] of news.entries()) {
    if (i % 3 === 0) await call(`${baseUrl}/api/likes`, { method: 'PUT', as: `fan-${i % 5}`, body: JSON.stringify({ subject: key }) });
  }
  const reader = `Bearer ${await token('reader')}`;
  const likesQuery = new URLSearchParams(news.map((key) => ['s', key])).toString();

  const figures: LoadFigure[] = [];
  figures.push(await run('bare Hono route (baseline)', { url: `${baseUrl}/livez` }));
  figures.push(await run('read a 50-comment thread', { url: `${baseUrl}/api/comments?subject=${encodeURIComponent(thread)}&limit=50`, headers: { authorization: reader } }));
  figures.push(await run('like counts for 100 subjects (one request)', { url: `${baseUrl}/api/likes?${likesQuery}`, headers: { authorization: reader } }));
  figures.push(
    await run('toggle a like (PUT then DELETE)', {
      url: baseUrl,
      headers: { authorization: reader, 'content-type': 'application/json' },
      requests: [
        { method: 'PUT', path: '/api/likes', body: JSON.stringify({ subject: 'actu-bench-toggle' }) },
        { method: 'DELETE', path: '/api/likes?subject=actu-bench-toggle' },
      ],
    }),
  );
  let n = 0;
  figures.push(
    await run('post a comment', {
      url: `${baseUrl}/api/comments`,
      method: 'POST',
      headers: { authorization: reader, 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({ subject: 'https://intranet.example.com/bench/posting', body: `Commentaire de charge n°${n++}, avec *un peu* de mise en forme.` }),
          }),
        },
      ],
    }),
  );

  const base = figures[0]!;
  for (const figure of figures.slice(1)) {
    figure.rpsRatio = round(figure.requestsPerSecond / base.requestsPerSecond);
    figure.p50Ratio = round(figure.p50Ms / Math.max(base.p50Ms, 0.5));
    figure.p99Ratio = round(figure.p99Ms / Math.max(base.p99Ms, 0.5));
  }
  return figures;
}

export async function checkCorrectnessUnderLoad(baseUrl: string) {
  // 200 people like the same subject at once: exactly 200 likes.
  const subject = 'actu-bench-populaire';
  const tokens = await Promise.all(Array.from({ length: 200 }, (_, i) => token(`crowd-${i}`)));
  const likeStatuses = await Promise.all(
    tokens.map((t) =>
      fetch(`${baseUrl}/api/likes`, { method: 'PUT', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: JSON.stringify({ subject }) }).then((r) => r.status),
    ),
  );
  const likes = (await call(`${baseUrl}/api/likes?s=${subject}`, { as: 'reader' })) as { likes: Record<string, { count: number }> };

  // 1,000 comments posted at once: exactly 1,000 stored, none twice.
  const thread = 'https://intranet.example.com/bench/rush';
  const postStatuses = await Promise.all(
    Array.from({ length: 1000 }, (_, i) =>
      fetch(`${baseUrl}/api/comments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[i % tokens.length]}`, 'content-type': 'application/json', 'idempotency-key': `rush-${i}` },
        body: JSON.stringify({ subject: thread, body: `Message unique ${i}` }),
      }).then((r) => r.status),
    ),
  );
  const bodies = new Set<string>();
  let stored = 0;
  let cursor: string | null = null;
  do {
    const page = (await call(`${baseUrl}/api/comments?subject=${encodeURIComponent(thread)}&limit=100&sort=oldest${cursor ? `&cursor=${cursor}` : ''}`, { as: 'reader' })) as {
      threads: { body: string }[];
      nextCursor: string | null;
    };
    for (const t of page.threads) {
      stored++;
      bodies.add(t.body);
    }
    cursor = page.nextCursor;
  } while (cursor);

  return {
    likesAccepted: likeStatuses.filter((s) => s === 200).length,
    likesCounted: likes.likes[subject]!.count,
    commentsAccepted: postStatuses.filter((s) => s === 201).length,
    commentsStored: stored,
    commentsDistinct: bodies.size,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
