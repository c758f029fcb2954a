/**
 * Find in the request list (Ctrl/Cmd+F, as in DevTools): highlights the rows that mention the text
 * without hiding the others; Enter and Shift+Enter go to the next and previous match.
 */
import { useEffect, useRef } from 'preact/hooks';

export interface FindState {
  text: string;
  /** Position in the list of matches of the current one. */
  current: number;
}

export function FindBar({ find, matches, onChange, onStep, onClose }: {
  find: FindState;
  matches: number;
  onChange(text: string): void;
  onStep(delta: number): void;
  onClose(): void;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <div class="findbar" data-testid="find-bar">
      <input ref={input} type="search" placeholder="Find in requests" aria-label="Find in requests" value={find.text} data-testid="find-input"
        onInput={(e) => onChange(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            // Handled here: an Escape that reaches DevTools opens its Console drawer.
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }} />
      <span class="find-count" data-testid="find-count">{find.text ? (matches ? `${Math.min(find.current, matches - 1) + 1} of ${matches}` : 'no match') : ''}</span>
      <button type="button" title="Previous match (Shift+Enter)" disabled={!matches} onClick={() => onStep(-1)}>▲</button>
      <button type="button" title="Next match (Enter)" disabled={!matches} onClick={() => onStep(1)}>▼</button>
      <button type="button" title="Close (Escape)" onClick={onClose}>✕</button>
    </div>
  );
}
