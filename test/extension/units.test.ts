/**
 * The extension's pieces that need no browser: settings (managed first), match patterns per browser,
 * the manifests (no host access at install), the managed-settings schema, the panel's features (each
 * file registered, as refined-github checks its features), the page's topic, and the requests the
 * background relays for a page (only those of the panel's widgets).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { ALLOWED, checkRequest } from '../../extension/background/allowed.ts';
import { manifest } from '../../extension/manifest.ts';
import { features } from '../../extension/page/features/index.ts';
import { topicOf } from '../../extension/page/topic.ts';
import { isPageMessage } from '../../extension/shared/protocol.ts';
import { effectiveSettings, originPattern, originsNeeded, pageSettings, serverBase, serviceOrigins, SETTING_NAMES, siteOrigin } from '../../extension/shared/settings.ts';

describe('settings', () => {
  test('the administrator’s settings win and are locked; sites and spaces add up', () => {
    const settings = effectiveSettings(
      { serverUrl: 'https://ruche.corp.example', sites: ['https://erp.corp.example/portal'], spaceBySite: { 'https://erp.corp.example': 'finance' } },
      {
        serverUrl: 'https://elsewhere.example/',
        sites: ['http://hr.corp.example:8080', 'nonsense://x', 42],
        language: 'en',
        spaceBySite: { 'https://erp.corp.example': 'mine', 'http://hr.corp.example:8080': 'rh' },
        tokenUrl: ' https://intranet.corp.example/sso/ruche-token ',
      },
    );
    assert.equal(settings.serverUrl, 'https://ruche.corp.example/');
    assert.deepEqual(settings.sites, ['https://erp.corp.example', 'http://hr.corp.example:8080']);
    assert.deepEqual(settings.managedSites, ['https://erp.corp.example']);
    assert.equal(settings.language, 'en');
    assert.deepEqual(settings.spaceBySite, { 'https://erp.corp.example': 'finance', 'http://hr.corp.example:8080': 'rh' });
    assert.equal(settings.tokenUrl, 'https://intranet.corp.example/sso/ruche-token');
    assert.deepEqual(settings.locked, ['serverUrl', 'sites', 'spaceBySite']);
  });

  test('nothing configured: nothing enabled', () => {
    const settings = effectiveSettings({}, {});
    assert.equal(settings.serverUrl, '');
    assert.equal(pageSettings(settings, 'https://erp.corp.example/x'), null);
  });

  test('a page is in if its exact origin is enabled (Firefox’s patterns cannot tell ports apart)', () => {
    const settings = effectiveSettings({}, { serverUrl: 'http://127.0.0.1:8787', sites: ['http://127.0.0.1:9000'], spaceBySite: { 'http://127.0.0.1:9000': 'compta' } });
    assert.deepEqual(pageSettings(settings, 'http://127.0.0.1:9000/erp/cloture?x=1#top'), { api: 'http://127.0.0.1:8787/', space: 'compta', lang: null });
    assert.equal(pageSettings(settings, 'http://127.0.0.1:9001/erp/cloture'), null);
    assert.equal(pageSettings(settings, 'https://127.0.0.1:9000/'), null);
  });

  test('addresses as people type them', () => {
    assert.equal(siteOrigin('erp.corp.example'), 'https://erp.corp.example');
    assert.equal(siteOrigin('HTTP://ERP.corp.example:8080/a/b?c'), 'http://erp.corp.example:8080');
    assert.equal(siteOrigin('file:///etc/passwd'), null);
    assert.equal(siteOrigin(''), null);
    assert.equal(serverBase('ruche.corp.example/ruche'), 'https://ruche.corp.example/ruche/');
    assert.equal(serverBase('https://ruche.corp.example/?x#y'), 'https://ruche.corp.example/');
    assert.equal(serverBase('javascript:alert(1)'), null);
  });

  test('access: the enabled sites need the server and the token endpoint too, an administrator’s as much as the person’s', () => {
    const settings = effectiveSettings(
      { serverUrl: 'https://ruche.corp.example/ruche/', sites: ['https://erp.corp.example'], tokenUrl: 'https://sso.corp.example/ruche-token?x=1' },
      { sites: ['http://hr.corp.example:8080', 'https://erp.corp.example'] },
    );
    assert.deepEqual(serviceOrigins(settings), ['https://ruche.corp.example', 'https://sso.corp.example']);
    assert.deepEqual(originsNeeded(settings), ['https://erp.corp.example', 'http://hr.corp.example:8080', 'https://ruche.corp.example', 'https://sso.corp.example']);
    assert.deepEqual(serviceOrigins({ serverUrl: 'https://ruche.corp.example/', tokenUrl: 'not a url at all' }), ['https://ruche.corp.example'], 'a malformed token address asks for nothing');
    assert.deepEqual(originsNeeded(effectiveSettings({ serverUrl: 'https://ruche.corp.example/' }, {})), [], 'no site enabled: nothing needed yet');
    assert.deepEqual(originsNeeded(effectiveSettings({ sites: ['https://erp.corp.example'] }, {})), [], 'no server: nothing to reach');
  });

  test('match patterns: with the port on Chrome, without on Firefox', () => {
    assert.equal(originPattern('http://127.0.0.1:9000', 'chrome'), 'http://127.0.0.1:9000/*');
    assert.equal(originPattern('http://127.0.0.1:9000', 'firefox'), 'http://127.0.0.1/*');
    assert.equal(originPattern('https://erp.corp.example', 'chrome'), 'https://erp.corp.example/*');
  });
});

describe('manifests', () => {
  for (const kind of ['chrome', 'firefox'] as const) {
    test(`${kind}: Manifest V3, no host access at install, only optional host permissions`, () => {
      const m = manifest(kind, '1.2.3');
      assert.equal(m.manifest_version, 3);
      assert.equal(m.version, '1.2.3');
      assert.equal(m.host_permissions, undefined);
      assert.equal(m.content_scripts, undefined);
      assert.deepEqual(m.permissions, ['storage', 'scripting', 'activeTab', 'alarms']);
      assert.deepEqual(m.optional_host_permissions, ['http://*/*', 'https://*/*']);
      assert.doesNotMatch(JSON.stringify(m), /<all_urls>/);
      assert.equal(m.web_accessible_resources, undefined, 'nothing of the extension is reachable from pages');
    });
  }

  test('each browser its background: a service worker on Chrome, scripts on Firefox (with an id)', () => {
    const chrome = manifest('chrome', '1.0.0') as { background: object; storage: object };
    const firefox = manifest('firefox', '1.0.0') as { background: object; browser_specific_settings: { gecko: { id: string } } };
    assert.deepEqual(chrome.background, { service_worker: 'background.js' });
    assert.deepEqual(chrome.storage, { managed_schema: 'schema.json' });
    assert.deepEqual(firefox.background, { scripts: ['background.js'] });
    assert.match(firefox.browser_specific_settings.gecko.id, /@/);
  });
});

describe('the managed-settings schema', () => {
  const schema = JSON.parse(readFileSync(new URL('../../extension/schema.json', import.meta.url), 'utf8')) as {
    type: string;
    properties: Record<string, { type: string; items?: { type: string }; additionalProperties?: { type: string }; enum?: string[] }>;
  };
  const jsonType = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

  test('names exactly the settings the extension reads', () => {
    assert.equal(schema.type, 'object');
    assert.deepEqual(Object.keys(schema.properties).sort(), [...SETTING_NAMES].sort());
  });

  test('with the type of each setting', () => {
    // The settings as they are with nothing set: each has its type already.
    const defaults = effectiveSettings({}, {});
    for (const name of SETTING_NAMES) assert.equal(schema.properties[name]!.type, jsonType(defaults[name]), name);
    assert.deepEqual(schema.properties.sites!.items, { type: 'string' });
    assert.deepEqual(schema.properties.spaceBySite!.additionalProperties, { type: 'string' });
    assert.deepEqual([...schema.properties.language!.enum!].sort(), ['', 'en', 'fr']);
  });

  test('a policy written to the schema is read whole, and locked', () => {
    const policy = {
      serverUrl: 'https://ruche.corp.example/',
      sites: ['https://erp.corp.example'],
      language: 'en',
      spaceBySite: { 'https://erp.corp.example': 'compta' },
      tokenUrl: 'https://sso.corp.example/ruche-token',
    };
    assert.deepEqual(Object.keys(policy).sort(), Object.keys(schema.properties).sort());
    const settings = effectiveSettings(policy, {});
    assert.deepEqual([...settings.locked].sort(), [...SETTING_NAMES].sort());
    for (const name of SETTING_NAMES) assert.deepEqual(settings[name], policy[name], name);
  });
});

describe('the panel', () => {
  test('every feature file is registered, once, under its own name', () => {
    const files = readdirSync(new URL('../../extension/page/features/', import.meta.url))
      .filter((name) => name.endsWith('.ts') && name !== 'index.ts' && name !== 'feature.ts')
      .map((name) => name.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual(features.map((feature) => feature.id).sort(), files);
    for (const feature of features) assert.ok(['page', 'experts', 'ideas'].includes(feature.tab), `${feature.id} has a tab`);
  });

  test('the experts’ topic is the page’s title without the site’s name', () => {
    assert.equal(topicOf('Procédure de clôture mensuelle - Portail ERP'), 'Procédure de clôture mensuelle');
    assert.equal(topicOf('Congés 2026 | RH en ligne'), 'Congés 2026');
    assert.equal(topicOf('Notes de frais'), 'Notes de frais');
    assert.equal(topicOf(''), '');
  });
});

describe('messages from the page world', () => {
  test('only requests, aborts, calls and the panel’s state pass the bridge', () => {
    assert.ok(isPageMessage({ type: 'fetch', id: 1, url: 'x', method: 'GET', headers: {} }));
    assert.ok(isPageMessage({ type: 'panel', open: true }));
    assert.ok(!isPageMessage({ type: 'fetch' }));
    assert.ok(!isPageMessage({ type: 'grant', id: 1 }));
    assert.ok(!isPageMessage('fetch'));
    assert.ok(!isPageMessage(null));
  });
});

describe('what the background relays for a page', () => {
  const SERVER = 'https://ruche.corp.example/';
  const API = `${SERVER}api`;
  const ID = '0b0e4c9a-7d1e-4a39-9f3e-2f5c1d7b8a10';
  const allowed = (method: string, url: string, server = SERVER) => checkRequest(server, url, method).ok;

  test('every request of the panel’s widgets', () => {
    const calls: [string, string][] = [
      ['GET', '/health'],
      ['GET', '/demo/people'],
      ['GET', '/events?space=default&s=https%3A%2F%2Ferp.corp.example%2Fcloture'],
      ['GET', '/comments?subject=https%3A%2F%2Ferp.corp.example%2Fcloture&sort=oldest&limit=20'],
      ['POST', '/comments'],
      ['PATCH', `/comments/${ID}`],
      ['DELETE', `/comments/${ID}`],
      ['POST', `/comments/${ID}/report`],
      ['PUT', `/comments/${ID}/accept`],
      ['DELETE', `/comments/${ID}/accept`],
      ['PUT', `/comments/${ID}/like`],
      ['DELETE', `/comments/${ID}/like`],
      ['GET', '/moderation/settings?space=default'],
      ['POST', `/moderation/comments/${ID}/hide`],
      ['POST', `/moderation/ideas/${ID}/approve`],
      ['GET', '/likes?s=x&s=y'],
      ['PUT', '/likes'],
      ['DELETE', '/likes?subject=x'],
      ['GET', '/likes/people?subject=x&limit=10'],
      ['GET', '/experts?q=cl%C3%B4ture&limit=3'],
      ['GET', '/experts/skills?q=exc'],
      ['GET', `/experts/people?id=${ID}`],
      ['GET', '/experts/profile'],
      ['PATCH', '/experts/profile'],
      ['GET', '/experts/profile/inferred'],
      ['PUT', `/experts/people/${ID}/skills/c%2B%2B%20c%23/endorsement`],
      ['DELETE', `/experts/people/${ID}/skills/excel/endorsement`],
      ['POST', '/experts/questions'],
      ['GET', '/experts/notifications?unread=true&limit=1'],
      ['POST', '/experts/notifications/read'],
      ['GET', '/ideas?space=default'],
      ['POST', '/ideas'],
      ['GET', '/ideas/tags'],
      ['GET', '/ideas/similar?q=x'],
      ['GET', '/ideas/news'],
      ['PUT', '/ideas/news/seen'],
      ['GET', `/ideas/${ID}`],
      ['PATCH', `/ideas/${ID}`],
      ['PUT', `/ideas/${ID}/vote`],
      ['DELETE', `/ideas/${ID}/vote`],
      ['POST', `/ideas/${ID}/report`],
      ['POST', `/ideas/${ID}/status`],
      ['POST', `/ideas/${ID}/merge`],
    ];
    for (const [method, path] of calls) assert.ok(allowed(method, `${API}${path}`), `${method} ${path}`);
    assert.ok(allowed('get', `${API}/health`), 'the method in any case, as fetch takes it');
  });

  test('nothing else the person’s token could do: their account, their data, the stewards’ desk, the pulse, tokens', () => {
    const refused: [string, string][] = [
      ['DELETE', '/me'],
      ['GET', '/me'],
      ['GET', '/me/export'],
      ['GET', '/me/erasure'],
      ['PUT', '/me/privacy'],
      ['GET', '/moderation?space=default'],
      ['GET', '/moderation/log'],
      ['PUT', '/moderation/settings'],
      ['POST', `/moderation/spaces/${ID}/hide`],
      ['GET', '/pulse'],
      ['POST', '/demo/token'],
      ['PUT', '/spaces/default/members/x'],
      ['POST', '/spaces'],
      ['GET', '/notifications'],
      ['GET', '/ideas/webhooks'],
      ['GET', '/openapi.json'],
      ['DELETE', '/likes/people'],
      ['POST', '/health'],
      ['HEAD', '/health'],
      ['OPTIONS', '/comments'],
      ['PATCH', '/comments/not-a-uuid'],
      ['GET', '/comments/'],
      ['GET', ''],
    ];
    for (const [method, path] of refused) assert.ok(!allowed(method, `${API}${path}`), `${method} ${path}`);
  });

  test('the path as the server routes it: percent-encoding does not get round the list', () => {
    // Hono decodes %xx before routing: /api/demo/%74oken is /api/demo/token.
    assert.ok(!allowed('POST', `${API}/demo/%74oken`));
    assert.ok(!allowed('POST', `${API}/%64emo/token`));
    assert.ok(!allowed('DELETE', `${API}/%6De`));
    assert.ok(!allowed('GET', `${API}/me/%65xport`));
    // Double encoding, encoded separators and dot segments, however spelled.
    for (const path of [
      '/demo/%2574oken',
      '/comments%2F..%2F..%2Fme',
      '/comments%2f..%2fme',
      '/comments/%5c..%5cme',
      `/comments/${ID}%2Freport`,
      '/comments/%2e%2e/me',
      '/comments/.%2E/me',
      '/comments/%2E%2E/%2E%2E/api/me',
      '/comments/..%00/me',
      '/comments//x',
      '/comments/%E0%A4%A',
    ]) {
      assert.ok(!allowed('DELETE', `${API}${path}`), path);
    }
    // …while a plainly encoded character the widgets send is fine.
    assert.ok(allowed('GET', `${API}/%63omments?subject=x`), 'comments, decoded as the server does');
    assert.ok(checkRequest(SERVER, `${API}/me`, 'DELETE').ok === false && /DELETE \/api\/me is not one of the requests/.test((checkRequest(SERVER, `${API}/me`, 'DELETE') as { reason: string }).reason));
  });

  test('only the configured server, under its own path', () => {
    assert.ok(!allowed('GET', 'https://evil.example/api/health'));
    assert.ok(!allowed('GET', 'https://ruche.corp.example:8443/api/health'));
    assert.ok(!allowed('GET', 'http://ruche.corp.example/api/health'));
    assert.ok(!allowed('GET', 'https://user:pass@ruche.corp.example/api/health'));
    assert.ok(!allowed('GET', 'https://ruche.corp.example/health'));
    assert.ok(!allowed('GET', 'https://ruche.corp.example/demo/'));
    assert.ok(!allowed('GET', 'not a url'));
    const under = 'https://corp.example/ruche/';
    assert.ok(allowed('GET', 'https://corp.example/ruche/api/comments', under));
    assert.ok(!allowed('GET', 'https://corp.example/api/comments', under));
    assert.ok(!allowed('GET', 'https://corp.example/other/api/comments', under));
  });

  test('every /api/ path named in the code the panel loads is on the list', () => {
    // The files the panel's features import, statically or not, down to the widgets' code.
    const root = new URL('../../', import.meta.url).pathname;
    const seen = new Set<string>();
    const queue = readdirSync(join(root, 'extension/page/features')).map((name) => join(root, 'extension/page/features', name));
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // Code that loads: imports and re-exports, static or not; `import type` brings no code (the
      // client's route types name the whole API).
      for (const [, spec] of text.matchAll(/(?:^(?:import|export)\s+(?!type\b)[^;]*?from\s+|import\(\s*)'(\.{1,2}\/[^']+\.ts)'/gm)) {
        queue.push(join(dirname(file), spec!));
      }
    }
    // Named by the widgets' code but never asked in the panel, which always says its language
    // (page/page.ts): the profile's language (GET /api/me) is learnt only when nothing says one.
    // Were it asked, the refusal would leave the panel's language as it is.
    const neverInThePanel = new Set([join(root, 'widgets/shared/person-lang.ts')]);
    assert.ok(seen.has([...neverInThePanel][0]!), 'person-lang.ts is among the files (else this exception is stale)');
    const paths = new Map<string, string>();
    for (const file of seen) {
      if (neverInThePanel.has(file)) continue;
      for (const [, path] of readFileSync(file, 'utf8').matchAll(/['`](\/api\/[^'`?]*)/g)) paths.set(path!, relative(root, file));
    }
    assert.ok(seen.has(join(root, 'widgets/moderation/controls.ts')), 'the stewards’ moves are among them');
    assert.ok(!seen.has(join(root, 'widgets/pulse/pulse.ts')), 'the pulse is not');
    assert.ok(paths.size > 30, `found ${paths.size} paths`);
    // A pattern of the list for a path written with ${…} or a route parameter: a dynamic part matches anything in its segment.
    const patterns = ALLOWED.map((entry) => entry.split(' ')[1]!.split('/'));
    const fits = (path: string) =>
      patterns.some((pattern) => {
        const segments = path.split('/');
        return (
          segments.length === pattern.length &&
          segments.every((segment, i) => {
            const want = pattern[i]!;
            if (want === ':text') return true;
            // A route's parameter (`/api/ideas/:id`, filled by the client): the list must take any value, or a few.
            if (segment.startsWith(':')) return want.startsWith(':') || want.includes('|');
            if (!segment.includes('${')) return want !== ':id' && want.split('|').includes(segment);
            if (want === ':id') return true;
            const shape = new RegExp(`^${segment.split(/\$\{[^}]*\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
            return want.split('|').some((word) => shape.test(word));
          })
        );
      });
    // One's own account (the export, erasing it) is never relayed (allowed.ts says why): the only code
    // that names it offers nothing when its requests go through the extension.
    const neverRelayed = new Map([
      ['/api/me/export', 'widgets/privacy/my-data.ts'],
      ['/api/me/erasure', 'widgets/privacy/my-data.ts'],
      ['/api/me', 'widgets/privacy/my-data.ts'], // DELETE: erasing the account
    ]);
    for (const [path, file] of paths) {
      if (neverRelayed.has(path)) {
        assert.equal(file, neverRelayed.get(path), `${path} is named outside the code that keeps it out of the panel`);
        assert.ok(!fits(path), `${path} must not be relayed`);
        assert.match(readFileSync(join(root, file), 'utf8'), /client\.transport/, `${file} offers nothing through the extension`);
        continue;
      }
      assert.ok(fits(path), `${path} (${file}) is not relayed by the extension: add it to extension/background/allowed.ts`);
    }
  });
});
