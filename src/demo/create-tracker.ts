/** The tracker for the protocol the demo speaks. */
import { EdgeTracker } from './edge-tracker.ts';
import { MediaTracker, type Tracker, type TrackerOptions } from './media-tracker.ts';
import type { DemoProtocol } from './protocol.ts';

export function createTracker(protocol: DemoProtocol, options: TrackerOptions): Tracker {
  return protocol === 'collection' ? new MediaTracker(options) : new EdgeTracker({ ...options, style: protocol });
}
