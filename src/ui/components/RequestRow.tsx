/**
 * One row of the request list and its cells: the session's colour chip (in the session cell, or
 * before the event when the session column is not shown), the time from the list's origin, the
 * status, the findings' badges, and the cell where a Ctrl+F match is.
 */
import type { Finding } from '../../core/findings/finding.ts';
import { clip, clockTime, playheadText, shortSid } from '../format.ts';
import { chipClass } from '../session-colour.ts';
import type { Row } from '../store/rows.ts';
import type { FindPlace } from './find-in-body.tsx';
import { timeText, type TimeFormat } from './list-times.ts';
import type { Column, ColumnId } from './request-columns.ts';
import { pure } from './pure.ts';

/** A row; drawn again only when one of its props changed (scrolling keeps most rows as they were). */
export const RequestRow = pure(({ row, columns, origin, format, colour, sessionTitle, chipInEvent, selected, match, onSelect, onMenu }: {
  row: Row; columns: Column[]; origin: number | null; format: TimeFormat; colour: number | undefined; sessionTitle: string; chipInEvent: boolean;
  selected: boolean; match: FindPlace | null; onSelect(index: number): void; onMenu(row: Row, x: number, y: number): void;
}) => {
  const failed = row.status === 0 || row.status >= 400;
  const look: CellLook = { origin, format, colour, sessionTitle, chipInEvent, match };
  return (
    <div class={`row${selected ? ' selected' : ''}${failed ? ' failed' : ''}${match ? ' match' : ''}`} role="row" aria-selected={selected} data-match={match ?? undefined}
      data-testid="request-row" data-exchange={row.index} data-event={clip(row.label, 200)} data-sid={clip(row.sid ?? '', 200)} data-time={row.eventTime}
      data-codes={row.findings.map((f) => f.code).join(' ')} onClick={() => onSelect(row.index)}
      onContextMenu={(e) => {
        e.preventDefault();
        onMenu(row, e.clientX, e.clientY);
      }}>
      {columns.map((c) => cell(c.id, row, look))}
    </div>
  );
}, 'RequestRow');

/** How a row's cells are drawn: the time's origin and format, the session's colour, where a find matched. */
interface CellLook {
  origin: number | null;
  format: TimeFormat;
  colour: number | undefined;
  sessionTitle: string;
  chipInEvent: boolean;
  match: FindPlace | null;
}

/** A row's cell: plain elements, not a component each (20 rows come into view per scroll step). */
function cell(id: ColumnId, row: Row, look: CellLook) {
  const hit = (place: FindPlace) => (look.match === place ? ' hit' : '');
  const chip = <i class={chipClass(look.colour)} data-testid="session-chip" data-colour={look.colour} title={look.sessionTitle} />;
  switch (id) {
    case 'num': return <span key={id} class="num" title="request number, as findings refer to it">{row.index}</span>;
    case 'time': return <span key={id} class="num" data-testid="time-cell" title={`event time ${clockTime(row.eventTime)} · sent ${clockTime(row.time)}`}>{timeText(row.eventTime, look.origin, look.format)}</span>;
    case 'session': return <span key={id} class="session-cell" title={look.sessionTitle}>{row.sid !== null && chip}<span class="sid">{shortSid(row.sid)}</span></span>;
    case 'event': return (
      <span key={id} class={`event${hit('event')}`} title={`${clip(row.label, 200)}${row.sid ? ` · ${look.sessionTitle}` : ''}`}>
        {look.chipInEvent && row.sid !== null && chip}{clip(row.label, 60) || '(none)'}
      </span>
    );
    case 'playhead': return <span key={id} class="num">{playheadText(row.playhead)}</span>;
    case 'status': return <span key={id} class={`num status${hit('status')}`}>{row.status || 'failed'}</span>;
    case 'findings': return badges(row.badges, hit('findings'));
  }
}

/** One badge per code, worst first; when they do not all fit, the first shrinks and "+N" says how many more. */
function badges(badges: readonly Finding[], hit: string) {
  const [head, ...rest] = badges;
  if (!head) return <span key="findings" class={`findings${hit}`} />;
  const list = badges.map((f) => `${f.code}: ${f.message}`).join('\n');
  return (
    <span key="findings" class={`findings${rest.length <= 2 ? ' few' : ''}${hit}`} title={list} data-testid="findings-cell">
      <span class={`badge ${head.severity}`} data-code={head.code}>{head.code}</span>
      {rest.map((f) => <span key={f.code} class={`badge ${f.severity} extra`} data-code={f.code}>{f.code}</span>)}
      {rest.length > 0 && <span class="badge more" data-testid="more-findings" title={list}>+{rest.length}</span>}
    </span>
  );
}

