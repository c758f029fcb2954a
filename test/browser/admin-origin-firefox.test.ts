/**
 * The admin API (/_mci/*) answers only the collector's own pages, proven from headless Firefox
 * ESR: pages of another site, a file:// page and a DNS-rebinding page are refused; the collection
 * API stays open to every origin (checks in admin-origin.ts).
 */
import { adminOriginSuite, launchFirefoxForPages } from './admin-origin.ts';

adminOriginSuite(async () => {
  const browser = await launchFirefoxForPages();
  const page = await browser.newPage();
  return { page, close: () => browser.close() };
});
