/** ANSI colours on a terminal, plain text when piped, written to a file, or NO_COLOR is set. */
export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const ANSI: Colors = { red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
const PLAIN: Colors = { red: (s) => s, yellow: (s) => s, blue: (s) => s, dim: (s) => s, bold: (s) => s };

/** `stream` null means a file: always plain, whatever the environment says. */
export function colorsFor(stream: { isTTY?: boolean } | null, env: NodeJS.ProcessEnv = process.env): Colors {
  if (stream === null || env.NO_COLOR) return PLAIN;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return ANSI;
  return stream?.isTTY ? ANSI : PLAIN;
}
