import type { FindingCode } from '../../findings/catalogue.ts';

/** A problem in a request body, before it is tied to an exchange and a session. */
export interface BodyIssue {
  code: FindingCode;
  pointer: string;
  message: string;
  fix?: string;
  rule?: string;
  expected?: string;
  actual?: string;
}
