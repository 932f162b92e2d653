import type { PathOf } from '../../widgets/shared/routes.ts';
import { apiRoute } from '../shared/api-route.ts';
import type { Features } from '../shared/protocol.ts';

/**
 * What the configured Ruche server is: its identity mode (`GET /api/health`) and the features it
 * has beyond comments and likes (an older server answers 404 for a collection it does not have).
 * Asked once per server and service-worker life; forgotten when the server address changes.
 */
export interface ServerInfo {
  auth: 'token' | 'header' | 'demo' | null;
  features: Features;
}

const known = new Map<string, Promise<ServerInfo>>();

export function serverInfo(server: string): Promise<ServerInfo> {
  let info = known.get(server);
  if (!info) {
    known.set(server, (info = probe(server)));
    // An unreachable server is asked again next time.
    void info.then((value) => value.auth === null && known.delete(server));
  }
  return info;
}

export function forgetServers(): void {
  known.clear();
}

async function probe(server: string): Promise<ServerInfo> {
  const has = (path: PathOf<'GET'>) =>
    fetch(apiRoute('GET', server, path).url, { credentials: 'omit', cache: 'no-store' }).then(
      (response) => response.status !== 404,
      () => false,
    );
  try {
    const route = apiRoute('GET', server, '/api/health');
    const response = await fetch(route.url, { credentials: 'omit', cache: 'no-store' });
    const health = response.ok ? await route.read(response) : null;
    const [experts, ideas] = await Promise.all([has('/api/experts/skills'), has('/api/ideas')]);
    return { auth: health?.auth ?? null, features: { experts, ideas } };
  } catch {
    return { auth: null, features: { experts: false, ideas: false } };
  }
}
