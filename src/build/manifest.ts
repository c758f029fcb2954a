/** Generates each browser's manifest from the root manifest.json. */
export const BROWSERS = ['chrome', 'firefox'] as const;
export type Browser = (typeof BROWSERS)[number];

/** Fixed add-on id: Firefox needs one for storage and for pinning the moz-extension UUID in tests. */
export const GECKO_ID = 'media-collection-inspector@mci.dev';

/**
 * The oldest browsers the manifests admit. The bundles' syntax is lowered for them (build.ts), the
 * devtools page is tested against their API shapes (test/extension/), and the README's Supported
 * browsers table says why these numbers hold.
 */
export const MIN_CHROME = 120;
export const MIN_FIREFOX = 128;

/**
 * "Capture without loss" (the webRequest capture): optional permissions only, asked for with the
 * user's consent (extension/consent/). Any host may be asked for, since custom endpoints may be
 * anywhere; the consent page asks for Adobe's hosts and the custom endpoints' hosts, no more.
 * Firefox needs the blocking form and response filtering to read a reply as it passes; Chromium
 * has neither in Manifest V3.
 */
const OPTIONAL_HOSTS = ['*://*/*'];

export function manifestFor(browser: Browser, base: Record<string, unknown>): Record<string, unknown> {
  if (browser === 'chrome') {
    return {
      ...base,
      minimum_chrome_version: String(MIN_CHROME),
      background: { service_worker: 'background.js' },
      optional_permissions: ['webRequest'],
      optional_host_permissions: OPTIONAL_HOSTS,
    };
  }
  return {
    ...base,
    background: { scripts: ['background.js'] },
    optional_permissions: ['webRequest', 'webRequestBlocking', 'webRequestFilterResponse'],
    optional_host_permissions: OPTIONAL_HOSTS,
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: `${MIN_FIREFOX}.0`,
        // The extension collects nothing and sends nothing anywhere.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}
