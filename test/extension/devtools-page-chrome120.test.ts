/** The devtools page against Chrome 120's API shape: no `browser` global, callback-only DevTools calls. */
import { devtoolsPageContract } from './devtools-page-contract.ts';

devtoolsPageContract('chrome-callbacks');
