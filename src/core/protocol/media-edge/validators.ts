/** The build-time generated Media Edge validators, by event type. Nothing here compiles a schema. */
import * as generated from '../../../generated/media-collection-validators.js';
import type { EdgeEventType } from './event-types.ts';
import type { ValidateFunction } from '../media-collection/validator-types.ts';

const BY_TYPE: Record<EdgeEventType, ValidateFunction> = {
  sessionStart: generated.edge_sessionStart,
  sessionComplete: generated.edge_sessionComplete,
  sessionEnd: generated.edge_sessionEnd,
  play: generated.edge_play,
  ping: generated.edge_ping,
  pauseStart: generated.edge_pauseStart,
  bufferStart: generated.edge_bufferStart,
  bitrateChange: generated.edge_bitrateChange,
  error: generated.edge_error,
  adBreakStart: generated.edge_adBreakStart,
  adBreakComplete: generated.edge_adBreakComplete,
  adStart: generated.edge_adStart,
  adComplete: generated.edge_adComplete,
  adSkip: generated.edge_adSkip,
  chapterStart: generated.edge_chapterStart,
  chapterComplete: generated.edge_chapterComplete,
  chapterSkip: generated.edge_chapterSkip,
  statesUpdate: generated.edge_statesUpdate,
  downloaded: generated.edge_downloaded,
};

/**
 * The validator of one Edge event object (`events[i]`) of `type`. Its errors' instancePaths are
 * relative to the event: prefix them with `/events/<i>`. Skip errors with `keyword === 'if'`
 * (statesUpdate, downloaded): the errors of the failing branch, reported with them, say what is wrong.
 */
export function edgeValidatorFor(type: EdgeEventType): ValidateFunction {
  return BY_TYPE[type];
}
