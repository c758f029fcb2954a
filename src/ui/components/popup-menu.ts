/**
 * What the list's context menus share: closed by Escape (kept from DevTools, which would open its
 * Console drawer) or a pointerdown elsewhere, and moved inside the panel's window (a menu opened on
 * the last rows would be cut off).
 */
import { useEffect, type MutableRef } from 'preact/hooks';

export function usePopupMenu(menu: MutableRef<HTMLElement | null>, x: number, y: number, onClose: () => void): void {
  useEffect(() => {
    // The panel's own document: the UI runs in the devtools page's context, rendered into the panel.
    const doc = menu.current?.ownerDocument;
    if (!doc) return;
    const close = (e: Event) => {
      if ('key' in e) {
        if ((e as KeyboardEvent).key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
      }
      onClose();
    };
    doc.addEventListener('pointerdown', close);
    doc.addEventListener('keydown', close, true);
    const el = menu.current;
    const win = doc.defaultView;
    if (el && win) {
      const box = el.getBoundingClientRect();
      el.style.left = `${Math.max(0, Math.min(x, win.innerWidth - box.width))}px`;
      el.style.top = `${Math.max(0, Math.min(y, win.innerHeight - box.height))}px`;
    }
    return () => {
      doc.removeEventListener('pointerdown', close);
      doc.removeEventListener('keydown', close, true);
    };
  }, [menu, onClose, x, y]);
}
