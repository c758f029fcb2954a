/**
 * An Edge event as the engine's TrackedEvent: the same type names as Media Collection, `playhead`
 * from mediaCollection.playhead, `ts` from xdm.timestamp (only with an offset or Z: Adobe rejects
 * one without), and the detail objects read into Media Collection's param and QoE names, so every
 * session rule and metric reads Edge as it reads Media Collection.
 */
import { isRecord } from '../../har/read-har.ts';
import type { TrackedEvent } from '../call.ts';
import { isEdgeEventType } from './event-types.ts';

type Obj = Record<string, unknown>;

/** Detail objects' fields under their Media Collection names. */
const PARAMS: Record<string, Record<string, string>> = {
  sessionDetails: {
    name: 'media.id', friendlyName: 'media.name', length: 'media.length', contentType: 'media.contentType',
    playerName: 'media.playerName', channel: 'media.channel', streamType: 'media.streamType',
    hasResume: 'media.resume', isDownloaded: 'media.downloaded', show: 'media.show', season: 'media.season',
    episode: 'media.episode', assetID: 'media.assetId', genre: 'media.genre', network: 'media.network',
    originator: 'media.originator', publisher: 'media.publisher', rating: 'media.rating', showType: 'media.showType',
    streamFormat: 'media.streamFormat', station: 'media.station', feed: 'media.feed', firstAirDate: 'media.firstAirDate',
    firstDigitalDate: 'media.firstDigitalDate', dayPart: 'media.dayPart', adLoad: 'media.adLoad', artist: 'media.artist',
    album: 'media.album', author: 'media.author', label: 'media.label', mvpd: 'media.pass.mvpd', authorized: 'media.pass.auth',
  },
  advertisingPodDetails: { index: 'media.ad.podIndex', offset: 'media.ad.podSecond', friendlyName: 'media.ad.podFriendlyName' },
  advertisingDetails: {
    name: 'media.ad.id', friendlyName: 'media.ad.name', length: 'media.ad.length', podPosition: 'media.ad.podPosition',
    playerName: 'media.ad.playerName', advertiser: 'media.ad.advertiser', campaignID: 'media.ad.campaignId',
    creativeID: 'media.ad.creativeId', creativeURL: 'media.ad.creativeURL', placementID: 'media.ad.placementId', siteID: 'media.ad.siteId',
  },
  chapterDetails: { index: 'media.chapter.index', offset: 'media.chapter.offset', length: 'media.chapter.length', friendlyName: 'media.chapter.friendlyName' },
};
const QOE: Record<string, string> = { bitrate: 'media.qoe.bitrate', droppedFrames: 'media.qoe.droppedFrames', framesPerSecond: 'media.qoe.framesPerSecond', timeToStart: 'media.qoe.timeToStart' };

/** An ISO 8601 time with an offset or Z, in ms since the epoch; null otherwise. */
export function edgeTimestamp(v: unknown): number | null {
  if (typeof v !== 'string' || !/(?:Z|[+-]\d\d:?\d\d)$/i.test(v.trim())) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : null;
}

/** The events of one Edge event object (a downloaded one holds a whole session). */
export function toTrackedEvent(doc: unknown, pointer: string, downloaded: boolean): TrackedEvent[] {
  const xdm = isRecord(doc) && isRecord(doc.xdm) ? doc.xdm : {};
  if (downloaded) {
    const items = Array.isArray(xdm.mediaDownloadedEvents) ? xdm.mediaDownloadedEvents : [];
    return items.map((item, k) => {
      const o = isRecord(item) ? item : {};
      const type = typeof o.mediaEventType === 'string' ? o.mediaEventType.replace(/^media\./, '') : '';
      return eventOf(type, isRecord(o.mediaCollection) ? o.mediaCollection : {}, edgeTimestamp(o.mediaEventTimestamp), `${pointer}/xdm/mediaDownloadedEvents/${k}`);
    });
  }
  const type = typeof xdm.eventType === 'string' ? xdm.eventType.replace(/^media\./, '') : '';
  return [eventOf(type, isRecord(xdm.mediaCollection) ? xdm.mediaCollection : {}, edgeTimestamp(xdm.timestamp), pointer)];
}

function eventOf(type: string, mc: Obj, ts: number | null, pointer: string): TrackedEvent {
  const params: Obj = {};
  for (const [detail, names] of Object.entries(PARAMS)) {
    const d = mc[detail];
    if (!isRecord(d)) continue;
    for (const [field, name] of Object.entries(names)) if (d[field] !== undefined) params[name] = d[field];
  }
  for (const list of ['statesStart', 'statesEnd'] as const) {
    const items = mc[list];
    if (Array.isArray(items)) params[list] = items.map((i) => (isRecord(i) ? { 'media.state.name': i.name } : i));
  }
  const qoe: Obj = {};
  const q = mc.qoeDataDetails;
  if (isRecord(q)) for (const [field, name] of Object.entries(QOE)) if (q[field] !== undefined) qoe[name] = q[field];
  const err = mc.errorDetails;
  if (isRecord(err)) {
    if (err.name !== undefined) qoe['media.qoe.errorID'] = err.name;
    if (err.source !== undefined) qoe['media.qoe.errorSource'] = err.source;
  }
  return {
    eventType: type,
    known: isEdgeEventType(type) && type !== 'downloaded',
    playhead: typeof mc.playhead === 'number' && Number.isFinite(mc.playhead) ? mc.playhead : null,
    ts,
    params: Object.keys(params).length ? params : null,
    qoe: Object.keys(qoe).length ? qoe : null,
    pointer,
  };
}
