/**
 * The extension's manifest, one source for both browsers (the build writes one per browser).
 *
 * Permissions, and why (none raises an install warning):
 * - `storage`: the settings, the demo person chosen; `storage.session` keeps the token in memory.
 * - `scripting`: registering the content scripts for the sites the person enabled.
 * - `activeTab`: the toolbar popup reads the current tab's address to offer "enable on this site".
 * - host access: none at install. `optional_host_permissions` lets the extension ASK, at run time
 *   and site by site, for the intranet sites the person (or the administrator) names, for the Ruche
 *   server and for the token endpoint; never `<all_urls>`.
 */
export type BrowserKind = 'chrome' | 'firefox';

export function manifest(kind: BrowserKind, version: string): Record<string, unknown> {
  const common = {
    manifest_version: 3,
    name: 'Ruche',
    short_name: 'Ruche',
    version,
    description: 'Comments, likes and experts from your company’s Ruche, on the intranet pages nobody can edit.',
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    permissions: ['storage', 'scripting', 'activeTab', 'alarms'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Ruche', default_popup: 'popup.html', default_icon: { 16: 'icons/16.png', 32: 'icons/32.png' } },
    options_ui: { page: 'options.html', open_in_tab: true },
  };
  if (kind === 'chrome') {
    return {
      ...common,
      minimum_chrome_version: '116',
      background: { service_worker: 'background.js' },
      // What an administrator may preset for everyone (Chrome's policy for extensions).
      storage: { managed_schema: 'schema.json' },
    };
  }
  return {
    ...common,
    // Firefox runs MV3 backgrounds as event pages. `world: "MAIN"` content scripts need Firefox 128;
    // the declaration that the extension collects no data (which addons.mozilla.org asks for) is
    // read from Firefox 140, the current ESR, that enterprises deploy (142 on Android).
    background: { scripts: ['background.js'] },
    browser_specific_settings: {
      gecko: { id: 'ruche@ruche.example', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}
