/**
 * The extension's pieces that need no browser: settings (managed first), match patterns per browser,
 * the manifests (no host access at install), the panel's features (each file registered, as
 * refined-github checks its features), the page's topic.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { manifest } from '../../extension/manifest.ts';
import { features } from '../../extension/page/features/index.ts';
import { topicOf } from '../../extension/page/topic.ts';
import { isPageMessage } from '../../extension/shared/protocol.ts';
import { effectiveSettings, originPattern, pageSettings, serverBase, siteOrigin } from '../../extension/shared/settings.ts';

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
      assert.deepEqual(m.permissions, ['storage', 'scripting', 'activeTab']);
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
