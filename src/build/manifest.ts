/** Generates each browser's manifest from the root manifest.json. */
export const BROWSERS = ['chrome', 'firefox'] as const;
export type Browser = (typeof BROWSERS)[number];

/** Fixed add-on id: Firefox needs one for storage and for pinning the moz-extension UUID in tests. */
export const GECKO_ID = 'media-collection-inspector@mci.dev';

export function manifestFor(browser: Browser, base: Record<string, unknown>): Record<string, unknown> {
  if (browser === 'chrome') return { ...base, minimum_chrome_version: '120' };
  return {
    ...base,
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '128.0',
        // The extension collects nothing and sends nothing anywhere.
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}
