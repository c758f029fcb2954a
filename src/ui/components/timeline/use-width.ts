/** The width of an element, followed as it is resized (at least 200 px; 800 until measured). */
import { useEffect, useState, type MutableRef } from 'preact/hooks';

export function useWidth(box: MutableRef<HTMLElement | null>): number {
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // The panel's own window (the DevTools panel document, not the devtools page's).
    const Observer = el.ownerDocument.defaultView?.ResizeObserver;
    if (!Observer) return;
    const ro = new Observer(() => setWidth(Math.max(200, el.clientWidth)));
    ro.observe(el);
    setWidth(Math.max(200, el.clientWidth));
    return () => ro.disconnect();
  }, []);
  return width;
}
