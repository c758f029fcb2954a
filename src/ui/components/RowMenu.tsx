/**
 * The request list's context menu, as in DevTools' Network panel: copy the URL, bodies, cURL,
 * findings, and every listed request as cURL or HAR. Copies hold no sensitive header value unless
 * the setting "keep sensitive headers" is on (core/privacy/sensitive-headers.ts), as every export.
 */
import { useRef } from 'preact/hooks';
import type { Exchange } from '../../core/exchange.ts';
import { withoutSensitiveHeaders } from '../../core/privacy/sensitive-headers.ts';
import { allAsCurlBash, toCurlBash } from '../../core/report/curl-bash.ts';
import { toHar } from '../../core/report/har-export.ts';
import { count } from '../format.ts';
import type { Row } from '../store/rows.ts';
import { useHost, useStore } from '../store/use-store.ts';
import { usePopupMenu } from './popup-menu.ts';

export interface MenuAt {
  row: Row;
  x: number;
  y: number;
}

interface Item {
  label: string;
  /** Made when chosen (a HAR of every listed request can be large); null: nothing to copy. */
  text: (() => string) | null;
  /** For the notice: "Copied <what>". */
  what: string;
  title?: string;
  separated?: boolean;
}

function findingsText(row: Row): string {
  return row.findings.map((f) => `${f.code} (${f.severity}) at #${f.exchange}: ${f.message}\nfix: ${f.fix}`).join('\n\n');
}

export function RowMenu({ at, listed, onClose }: { at: MenuAt; listed: readonly Row[]; onClose(): void }) {
  const host = useHost();
  const store = useStore();
  const ex = at.row.call.exchange;
  const menu = useRef<HTMLDivElement>(null);
  usePopupMenu(menu, at.x, at.y, onClose);
  const exported = (e: Exchange) => (store.get().settings.keepSensitiveHeaders ? e : withoutSensitiveHeaders(e));
  const all = () => listed.map((r) => exported(r.call.exchange));
  const n = listed.length;
  const listedNote = 'every request the list shows, in its order (the filters and the session selection apply)';
  const items: Item[] = [
    { label: 'Copy URL', text: () => ex.url, what: `the URL of #${ex.index}` },
    { label: 'Copy request body', text: ex.requestBody === null ? null : () => ex.requestBody ?? '', what: `the request body of #${ex.index}` },
    { label: 'Copy response body', text: ex.responseBody === null ? null : () => ex.responseBody ?? '', what: `the response body of #${ex.index}` },
    { label: 'Copy as cURL', text: () => toCurlBash(exported(ex)), what: `a cURL command of #${ex.index}` },
    { label: at.row.findings.length > 1 ? 'Copy findings' : 'Copy finding', text: at.row.findings.length ? () => findingsText(at.row) : null, what: `the findings of #${ex.index}` },
    { label: 'Copy all as cURL', text: n ? () => allAsCurlBash(all()) : null, what: `${count(n)} cURL command${n === 1 ? '' : 's'}`, title: listedNote, separated: true },
    { label: 'Copy all as HAR', text: n ? () => JSON.stringify(toHar(all()), null, 2) : null, what: `${count(n)} request${n === 1 ? '' : 's'} as HAR`, title: listedNote },
  ];
  return (
    <div ref={menu} class="menu" role="menu" data-testid="row-menu" style={{ left: `${at.x}px`, top: `${at.y}px` }}
      onPointerDown={(e) => e.stopPropagation()}>
      {items.map((item) => (
        <button key={item.label} type="button" role="menuitem" disabled={item.text === null} data-testid="row-menu-item" title={item.title}
          class={item.separated ? 'separated' : undefined}
          onClick={() => {
            const make = item.text;
            onClose();
            if (make === null) return;
            void host.copy(make()).then((ok) => store.setNotice(ok ? `Copied ${item.what}` : `Could not copy ${item.what.replace(/ of #\d+$/, '')}: the browser refused the clipboard`));
          }}>{item.label}</button>
      ))}
    </div>
  );
}
