/**
 * The demo speaks Media Collection's vocabulary (`media.ad.podIndex`, `stateStart`, `qoeData`…);
 * this turns one of its events into a Media Edge event's `mediaCollection` (media-edge-api.md
 * section 2): the params into their detail objects, custom metadata into `[{name, value}]`, QoE
 * into `qoeDataDetails` (bitrate in kbps) or `errorDetails`, and every count into an integer.
 */
type Obj = Record<string, unknown>;

/** Media Collection param → [Edge detail object, field]. */
const PARAMS: Record<string, [string, string]> = {
  'media.id': ['sessionDetails', 'name'],
  'media.name': ['sessionDetails', 'friendlyName'],
  'media.length': ['sessionDetails', 'length'],
  'media.contentType': ['sessionDetails', 'contentType'],
  'media.playerName': ['sessionDetails', 'playerName'],
  'media.channel': ['sessionDetails', 'channel'],
  'media.streamType': ['sessionDetails', 'streamType'],
  'media.resume': ['sessionDetails', 'hasResume'],
  'media.show': ['sessionDetails', 'show'],
  'media.season': ['sessionDetails', 'season'],
  'media.episode': ['sessionDetails', 'episode'],
  'media.assetId': ['sessionDetails', 'assetID'],
  'media.genre': ['sessionDetails', 'genre'],
  'media.network': ['sessionDetails', 'network'],
  'media.ad.podIndex': ['advertisingPodDetails', 'index'],
  'media.ad.podSecond': ['advertisingPodDetails', 'offset'],
  'media.ad.podFriendlyName': ['advertisingPodDetails', 'friendlyName'],
  'media.ad.id': ['advertisingDetails', 'name'],
  'media.ad.name': ['advertisingDetails', 'friendlyName'],
  'media.ad.length': ['advertisingDetails', 'length'],
  'media.ad.podPosition': ['advertisingDetails', 'podPosition'],
  'media.ad.playerName': ['advertisingDetails', 'playerName'],
  'media.ad.advertiser': ['advertisingDetails', 'advertiser'],
  'media.ad.campaignId': ['advertisingDetails', 'campaignID'],
  'media.ad.creativeId': ['advertisingDetails', 'creativeID'],
  'media.ad.creativeURL': ['advertisingDetails', 'creativeURL'],
  'media.ad.placementId': ['advertisingDetails', 'placementID'],
  'media.ad.siteId': ['advertisingDetails', 'siteID'],
  'media.chapter.index': ['chapterDetails', 'index'],
  'media.chapter.offset': ['chapterDetails', 'offset'],
  'media.chapter.length': ['chapterDetails', 'length'],
  'media.chapter.friendlyName': ['chapterDetails', 'friendlyName'],
};

const QOE: Record<string, [string, string]> = {
  'media.qoe.bitrate': ['qoeDataDetails', 'bitrate'],
  'media.qoe.droppedFrames': ['qoeDataDetails', 'droppedFrames'],
  'media.qoe.framesPerSecond': ['qoeDataDetails', 'framesPerSecond'],
  'media.qoe.timeToStart': ['qoeDataDetails', 'timeToStart'],
  'media.qoe.errorID': ['errorDetails', 'name'],
  'media.qoe.errorSource': ['errorDetails', 'source'],
};

/** Edge counts are JSON integers: a player's fractional seconds are rounded (strings are left as they are). */
const INTEGER_FIELDS = new Set(['length', 'offset', 'index', 'podPosition', 'bitrate', 'droppedFrames', 'framesPerSecond', 'timeToStart']);

export interface EdgeParts {
  params?: Record<string, unknown>;
  qoeData?: Record<string, unknown>;
  customMetadata?: Record<string, string>;
  /** Fields merged as they are into `mediaCollection` (detail objects one level deep): for deliberate mistakes. */
  edge?: Record<string, unknown>;
}

/** The detail objects, custom metadata and QoE of one event, as Edge names them. */
export function edgeDetails(parts: EdgeParts): Obj {
  const mc: Record<string, Obj> = {};
  const put = (object: string, field: string, value: unknown) => {
    const v = typeof value === 'number' && INTEGER_FIELDS.has(field) ? Math.round(value) : value;
    mc[object] = { ...mc[object], [field]: v };
  };
  for (const [key, value] of Object.entries(parts.params ?? {})) {
    const to = PARAMS[key];
    if (to) put(to[0], to[1], value);
  }
  for (const [key, value] of Object.entries(parts.qoeData ?? {})) {
    const to = QOE[key];
    // Media Collection's bitrate is in bps, Edge's in kbps.
    if (to) put(to[0], to[1], key === 'media.qoe.bitrate' && typeof value === 'number' ? value / 1000 : value);
  }
  const out: Obj = { ...mc };
  if (parts.customMetadata) out.customMetadata = Object.entries(parts.customMetadata).map(([name, value]) => ({ name, value: String(value) }));
  for (const [key, value] of Object.entries(parts.edge ?? {})) {
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? { ...current, ...value } : value;
  }
  return out;
}

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
