/** Batch analysis of a recording (kept for callers of the first API; same as `analyse`). */
import { analyse, type AnalysisResult } from './analyser.ts';
import type { Exchange } from '../exchange.ts';

export type RecordingAnalysis = AnalysisResult;

export function analyseRecording(exchanges: readonly Exchange[]): RecordingAnalysis {
  return analyse(exchanges);
}
