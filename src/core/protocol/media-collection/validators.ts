/** The build-time generated validators, by event type. Nothing here compiles a schema. */
import * as generated from '../../../generated/media-collection-validators.js';
import type { EventType } from './event-types.ts';
import type { ValidateFunction } from './validator-types.ts';

export const validateEnvelope: ValidateFunction = generated.envelope;
export const validateDownloadedBatch: ValidateFunction = generated.downloadedBatch;

const BY_TYPE: Record<EventType, ValidateFunction> = {
  sessionStart: generated.sessionStart,
  play: generated.play,
  ping: generated.ping,
  bitrateChange: generated.bitrateChange,
  bufferStart: generated.bufferStart,
  pauseStart: generated.pauseStart,
  adBreakStart: generated.adBreakStart,
  adStart: generated.adStart,
  adComplete: generated.adComplete,
  adSkip: generated.adSkip,
  adBreakComplete: generated.adBreakComplete,
  chapterStart: generated.chapterStart,
  chapterComplete: generated.chapterComplete,
  chapterSkip: generated.chapterSkip,
  error: generated.error,
  stateStart: generated.stateStart,
  stateEnd: generated.stateEnd,
  statesUpdate: generated.statesUpdate,
  sessionComplete: generated.sessionComplete,
  sessionEnd: generated.sessionEnd,
};

export function validatorFor(type: EventType): ValidateFunction {
  return BY_TYPE[type];
}
