/**
 * The list header's context menu, as in DevTools' Network panel: a check per column to show or
 * hide it. A column the user wants but the list is too narrow for says so; the last shown column
 * cannot be hidden (the header would be gone, and with it the way back).
 */
import { useRef } from 'preact/hooks';
import { COLUMNS, type ColumnId } from './request-columns.ts';
import { usePopupMenu } from './popup-menu.ts';

export interface ColumnMenuAt {
  x: number;
  y: number;
}

export function ColumnMenu({ at, hidden, dropped, onToggle, onClose }: {
  at: ColumnMenuAt;
  hidden: ReadonlySet<ColumnId>;
  /** Shown by choice but given way for lack of room. */
  dropped: readonly ColumnId[];
  onToggle(id: ColumnId): void;
  onClose(): void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  usePopupMenu(menu, at.x, at.y, onClose);
  const shown = COLUMNS.length - hidden.size;
  return (
    <div ref={menu} class="menu column-menu" role="menu" aria-label="Columns" data-testid="column-menu" style={{ left: `${at.x}px`, top: `${at.y}px` }}
      onPointerDown={(e) => e.stopPropagation()}>
      {COLUMNS.map((c) => {
        const checked = !hidden.has(c.id);
        const last = checked && shown <= 1;
        const noRoom = checked && dropped.includes(c.id);
        return (
          <button key={c.id} type="button" role="menuitemcheckbox" aria-checked={checked} disabled={last} data-testid="column-menu-item" data-column={c.id}
            title={last ? 'The last column shown stays' : noRoom ? 'Shown when the list is wider (it gave way to the findings)' : c.title}
            onClick={() => {
              onToggle(c.id);
              onClose();
            }}>
            <span class="check" aria-hidden="true">{checked ? '✓' : ''}</span>{c.id === 'num' ? '# (request number)' : c.label}
            {noRoom && <span class="dim"> · no room</span>}
          </button>
        );
      })}
    </div>
  );
}
