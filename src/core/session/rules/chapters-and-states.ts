/** Chapters (no overlap) and player states (at most 10 distinct per playback). */
import type { StepContext } from '../step-context.ts';
import { isRecord } from '../../har/read-har.ts';

export const MAX_PLAYER_STATES = 10;

export function chapterStart(c: StepContext): void {
  const { s, e } = c;
  s.chapterSeen = true;
  if (s.chapter) {
    c.emit('chapter.overlap',
      `chapterStart while the chapter started at #${s.chapter.exchange} is still open: chapters cannot overlap, so Adobe miscounts both.`);
    const open = s.chapters[s.chapter.slot];
    if (open) open.end = 'replaced';
  }
  const p = e.event.params ?? {};
  s.chapters.push({
    index: typeof p['media.chapter.index'] === 'number' ? p['media.chapter.index'] : null,
    name: typeof p['media.chapter.friendlyName'] === 'string' ? p['media.chapter.friendlyName'] : null,
    playedMs: 0,
    end: 'open',
  });
  s.chapter = { exchange: e.call.exchange.index, time: e.time, slot: s.chapters.length - 1 };
  s.counts.chaptersStarted++;
}

export function chapterEnd(c: StepContext, how: 'completed' | 'skipped'): void {
  const { s, e } = c;
  if (!s.chapter) {
    // Recording began mid-chapter: its start came before we could see it.
    if (s.startCaptured || s.chapterSeen) c.emit('chapter.orphan-end', `${e.event.eventType} with no chapter open: Adobe ignores it.`);
    s.chapterSeen = true;
    return;
  }
  const open = s.chapters[s.chapter.slot];
  if (open) open.end = how;
  s.chapter = null;
  if (how === 'completed') s.counts.chaptersCompleted++;
  else s.counts.chaptersSkipped++;
}

export function stateStart(c: StepContext, name: string): void {
  const { s } = c;
  if (!s.distinctStates.has(name)) {
    s.distinctStates.add(name);
    if (s.distinctStates.size === MAX_PLAYER_STATES + 1) {
      c.emit('state.limit',
        `"${name}" is the ${MAX_PLAYER_STATES + 1}th distinct player state of this session: Adobe tracks at most ${MAX_PLAYER_STATES} per playback and discards the rest.`);
    }
  }
  s.activeStates.add(name);
}

/**
 * The active states as the timeline labels them: rebuilt once per state event, after all its
 * names (a statesUpdate may carry thousands; rebuilding per name would be quadratic).
 */
export function refreshStatesKey(s: { activeStates: ReadonlySet<string>; statesKey: string }): void {
  s.statesKey = [...s.activeStates].sort().join(', ');
}

export function stateEnd(c: StepContext, name: string): void {
  const { s, e } = c;
  // Recording began mid-session: a state never seen may have started before it.
  const startedBefore = !s.startCaptured && !s.distinctStates.has(name);
  if (startedBefore) s.distinctStates.add(name);
  const wasActive = s.activeStates.delete(name);
  if (!wasActive && !startedBefore) {
    c.emit('state.orphan-end',
      `${e.event.eventType} ends player state "${name}", which is not active: Adobe ignores it${s.activeStates.size ? ` (active: ${[...s.activeStates].slice(0, 10).join(', ')}${s.activeStates.size > 10 ? '…' : ''})` : ''}.`);
  }
}

/** State names of a stateStart/stateEnd or of a statesUpdate list. */
export function stateNames(params: Record<string, unknown> | null, list?: 'statesStart' | 'statesEnd'): string[] {
  if (!params) return [];
  if (!list) {
    const name = params['media.state.name'];
    return typeof name === 'string' ? [name] : [];
  }
  const items = params[list];
  if (!Array.isArray(items)) return [];
  return items.flatMap((i) => (isRecord(i) && typeof i['media.state.name'] === 'string' ? [i['media.state.name']] : []));
}
