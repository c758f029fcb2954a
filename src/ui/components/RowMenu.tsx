/** The request list's context menu, as in DevTools' Network panel: copy the URL, bodies, cURL, findings. */
import { useEffect, useRef } from 'preact/hooks';
import { toCurl } from '../../core/report/curl.ts';
import type { Row } from '../store/rows.ts';
import { useHost, useStore } from '../store/use-store.ts';

export interface MenuAt {
  row: Row;
  x: number;
  y: number;
}

function findingsText(row: Row): string {
  return row.findings.map((f) => `${f.code} (${f.severity}) at #${f.exchange}: ${f.message}\nfix: ${f.fix}`).join('\n\n');
}

export function RowMenu({ at, onClose }: { at: MenuAt; onClose(): void }) {
  const host = useHost();
  const store = useStore();
  const ex = at.row.call.exchange;
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The panel's own document: the UI runs in the devtools page's context, rendered into the panel.
    const doc = menu.current?.ownerDocument;
    if (!doc) return;
    const close = (e: Event) => {
      if ('key' in e) {
        if ((e as KeyboardEvent).key !== 'Escape') return;
        // Handled here: an Escape that reaches DevTools opens its Console drawer.
        e.preventDefault();
        e.stopPropagation();
      }
      onClose();
    };
    doc.addEventListener('pointerdown', close);
    doc.addEventListener('keydown', close, true);
    // Kept inside the panel's window: a menu opened on the last rows would be cut off.
    const el = menu.current;
    const win = doc.defaultView;
    if (el && win) {
      const box = el.getBoundingClientRect();
      el.style.left = `${Math.max(0, Math.min(at.x, win.innerWidth - box.width))}px`;
      el.style.top = `${Math.max(0, Math.min(at.y, win.innerHeight - box.height))}px`;
    }
    return () => {
      doc.removeEventListener('pointerdown', close);
      doc.removeEventListener('keydown', close, true);
    };
  }, [onClose, at.x, at.y]);
  const items: { label: string; text: string | null; what: string }[] = [
    { label: 'Copy URL', text: ex.url, what: 'the URL' },
    { label: 'Copy request body', text: ex.requestBody, what: 'the request body' },
    { label: 'Copy response body', text: ex.responseBody, what: 'the response body' },
    { label: 'Copy as cURL', text: toCurl(ex), what: 'a cURL command' },
    { label: at.row.findings.length > 1 ? 'Copy findings' : 'Copy finding', text: at.row.findings.length ? findingsText(at.row) : null, what: 'the findings' },
  ];
  return (
    <div ref={menu} class="menu" role="menu" data-testid="row-menu" style={{ left: `${at.x}px`, top: `${at.y}px` }}
      onPointerDown={(e) => e.stopPropagation()}>
      {items.map((item) => (
        <button key={item.label} type="button" role="menuitem" disabled={item.text === null} data-testid="row-menu-item"
          onClick={() => {
            const text = item.text;
            onClose();
            if (text === null) return;
            void host.copy(text).then((ok) => store.setNotice(ok ? `Copied ${item.what} of #${ex.index}` : `Could not copy ${item.what}: the browser refused the clipboard`));
          }}>{item.label}</button>
      ))}
    </div>
  );
}
