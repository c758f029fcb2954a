/**
 * The admin API (/_mci/*) answers only the collector's own pages, proven from headless Chromium:
 * pages of another site, a file:// page and a DNS-rebinding page are refused; the collection API
 * stays open to every origin (checks in admin-origin.ts).
 */
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, announceVersion, assertChromium } from './chromium.ts';
import { REBIND_HOST, adminOriginSuite } from './admin-origin.ts';

adminOriginSuite(async () => {
  assertChromium();
  // launchChromium's resolver rules send every other name nowhere; this one must reach the
  // collector, as an attacker's own domain does once its DNS answers 127.0.0.1. The first rule
  // that matches a name wins.
  const RULES = '--host-resolver-rules=';
  const rules = CHROMIUM_ARGS.find((a) => a.startsWith(RULES))?.slice(RULES.length);
  const args = [...CHROMIUM_ARGS.filter((a) => !a.startsWith(RULES)), `${RULES}MAP ${REBIND_HOST} 127.0.0.1${rules ? `, ${rules}` : ''}`];
  const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, pipe: true, defaultViewport: null, args });
  await announceVersion(browser);
  const page = await browser.newPage();
  return { page, close: () => browser.close() };
});
