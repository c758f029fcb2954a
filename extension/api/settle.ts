/**
 * Calls an asynchronous extension API the same way in every browser version we support, and
 * never assumes that the browser hands back a promise:
 * - Chrome's DevTools APIs (`devtools.network.getHAR`, a request's `getContent`, `panels.create`)
 *   take a callback and return `undefined` in the Chrome versions our manifest admits from 120 on;
 *   webextension-polyfill does not wrap `getHAR` or `getContent` there, so their callback is the
 *   only way to the result. https://developer.chrome.com/docs/extensions/reference/api/devtools/network
 * - Firefox's `browser.*` APIs return promises.
 *   https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Chrome_incompatibilities#callbacks_and_promises
 * - webextension-polyfill's own wrappers (`panels.create`, `storage.local.*` when it wraps
 *   `chrome`) return promises and refuse an extra callback argument by throwing.
 *
 * So the call is handed a callback, and a promise it returns (or a value it returns directly) is
 * taken too, whichever answers first; a call that throws on the extra argument (an error about its
 * arguments, as the polyfill's "Expected at most 0 arguments" and Firefox's "Incorrect argument
 * types" are) is made again without it. Any other error fails the call at once.
 */

export type Invoke = (...callback: [] | [(...values: unknown[]) => void]) => unknown;

interface LastErrorHolder { runtime?: { lastError?: { message?: string } | null } }

/** Chrome reports a failed callback-style call in runtime.lastError (and logs it if unread). */
function lastError(): string | null {
  const chrome = (globalThis as { chrome?: LastErrorHolder }).chrome;
  const error = chrome?.runtime?.lastError;
  return error ? error.message ?? 'the browser reported an error' : null;
}

/** An error about the call's arguments: the callback we added was refused. */
function refusesArguments(error: unknown): boolean {
  return /argument/i.test(error instanceof Error ? error.message : String(error));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Resolves with the call's result. A callback called with several values (Chrome's
 * `getContent(content, encoding)`) resolves with them as an array, as Firefox's promise does.
 */
export function settle<T>(invoke: Invoke): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let answered = false;
    const answer = (value: unknown) => {
      if (answered) return;
      answered = true;
      resolve(value as T);
    };
    const fail = (error: unknown) => {
      if (answered) return;
      answered = true;
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const callback = (...values: unknown[]) => {
      const error = lastError();
      if (error !== null) fail(new Error(error));
      else answer(values.length > 1 ? values : values[0]);
    };
    let returned: unknown;
    try {
      returned = invoke(callback);
    } catch (error) {
      if (!refusesArguments(error)) {
        fail(error);
        return;
      }
      try {
        returned = invoke();
      } catch (again) {
        fail(again);
        return;
      }
      if (returned === undefined) {
        fail(new Error('the browser API neither took a callback nor returned a promise'));
        return;
      }
    }
    if (isThenable(returned)) returned.then(answer, fail);
    else if (returned !== undefined) answer(returned);
  });
}
