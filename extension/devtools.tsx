/** The devtools page's entry point: the page started on the real browser's API. */
import { createDevtoolsApi } from './api/devtools-api.ts';
import { startDevtoolsPage } from './devtools-page.tsx';

/** Exported for the API-shape tests, which import this file as the browser loads it. */
export const page = startDevtoolsPage(createDevtoolsApi());
