/** A draggable line between two panes: sets a CSS variable (a width or height in px) on the app. */
import { followDrag } from '../drag.ts';

export function Splitter({ variable, axis, min, max, from, keep = 0 }: {
  /** The CSS variable it sets, e.g. --left-w. */
  variable: string;
  axis: 'x' | 'y';
  min: number;
  max: number;
  /** Which side of the line the size is measured from: the pane before it or after it. */
  from: 'before' | 'after';
  /** Pixels of the line's container the other panes keep (the pane never grows past the rest). */
  keep?: number;
}) {
  return (
    <div class={`splitter${axis === 'y' ? ' rows' : ''}`} role="separator" aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'} data-testid="splitter" data-variable={variable}
      onPointerDown={(e) => {
        e.preventDefault();
        const line = e.currentTarget;
        const pane = (from === 'before' ? line.previousElementSibling : line.nextElementSibling) as HTMLElement | null;
        const app = line.closest('.app') as HTMLElement | null;
        if (!pane || !app) return;
        const start = axis === 'x' ? e.clientX : e.clientY;
        const box = pane.getBoundingClientRect();
        const size = axis === 'x' ? box.width : box.height;
        const parent = line.parentElement;
        const room = parent ? (axis === 'x' ? parent.clientWidth : parent.clientHeight) - keep : Number.POSITIVE_INFINITY;
        const top = keep > 0 && room > min ? Math.min(max, room) : max;
        line.classList.add('dragging');
        followDrag(line, e.pointerId, (m) => {
          const delta = (axis === 'x' ? m.clientX : m.clientY) - start;
          const next = Math.max(min, Math.min(top, size + (from === 'before' ? delta : -delta)));
          app.style.setProperty(variable, `${Math.round(next)}px`);
        }, () => line.classList.remove('dragging'));
      }} />
  );
}
