/**
 * A happy-dom window for the component tests: installs the DOM globals Preact and the views use,
 * and removes them again (restoring what Node had) when the file is done.
 */
import { Window } from 'happy-dom';

/** Globals taken from the window; the views and Preact reach for these. */
const GLOBALS = [
  'window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement', 'SVGElement', 'Text', 'DocumentFragment',
  'HTMLInputElement', 'HTMLSelectElement', 'HTMLTextAreaElement',
  'Event', 'CustomEvent', 'KeyboardEvent', 'MouseEvent', 'InputEvent', 'FocusEvent', 'WheelEvent',
  'requestAnimationFrame', 'cancelAnimationFrame', 'getComputedStyle', 'ResizeObserver', 'MutationObserver',
] as const;

export interface Dom {
  window: Window;
  document: Document;
  /** Removes the globals and closes the window. */
  close(): Promise<void>;
}

export function installDom(): Dom {
  const window = new Window({ url: 'http://localhost/', width: 1280, height: 800 });
  const g = globalThis as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const name of GLOBALS) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    const value = name === 'window' ? window : (window as unknown as Record<string, unknown>)[name];
    Object.defineProperty(globalThis, name, {
      configurable: true, writable: true,
      value: typeof value === 'function' && /^[a-z]/.test(name) ? (value as (...a: unknown[]) => unknown).bind(window) : value,
    });
  }
  return {
    window,
    document: window.document as unknown as Document,
    async close() {
      for (const [name, desc] of saved) {
        if (desc) Object.defineProperty(globalThis, name, desc);
        else delete g[name];
      }
      await window.happyDOM.close();
    },
  };
}

/** Creates an empty container in the document's body. */
export function mount(dom: Dom): HTMLElement {
  const el = dom.document.createElement('div');
  el.id = 'root';
  dom.document.body.append(el);
  return el;
}
