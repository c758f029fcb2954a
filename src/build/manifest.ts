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

export function manifestFor(browser: Browser, base: Record<string, unknown>): Record<string, unknown> {
  if (browser === 'chrome') return { ...base, minimum_chrome_version: String(MIN_CHROME) };
  return {
    ...base,
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
