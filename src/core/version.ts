import pkg from '../../package.json' with { type: 'json' };

/** The tool's version, written into every report and the CLI's JSON output. */
export const TOOL_VERSION: string = pkg.version;
export const TOOL_NAME = 'media-collection-inspector';
