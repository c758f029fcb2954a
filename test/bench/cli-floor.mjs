// The CLI's floor: read the HAR file, JSON.parse it, then JSON.parse every body and run the
// generated validator on it (the engine's floor). Plain JS, so it starts as fast as the CLI.
import { readFileSync } from 'node:fs';
import * as validators from '../../src/generated/media-collection-validators.js';

const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let valid = 0;
for (const e of doc.log.entries) {
  const body = JSON.parse(e.request.postData.text);
  const validate = validators[body.eventType] ?? validators.envelope;
  if (validate(body)) valid++;
}
process.stdout.write(`${valid}\n`);
