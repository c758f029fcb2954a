/** The devtools page against Firefox's API shape: a native `browser` whose calls return promises. */
import { devtoolsPageContract } from './devtools-page-contract.ts';

devtoolsPageContract('firefox-promises');
