/** Pure: turns compose references into the public ReferenceRecord shape of `scan --format json`. */

import type { ReferenceRecord } from '../report.js';
import type { ComposeReference } from './references.js';
import { formatPath } from './references.js';

/** The SPEC section 6 record of one compose reference. */
export function toReferenceRecord(reference: ComposeReference): ReferenceRecord {
  const isMessage = reference.operator === '?' || reference.operator === ':?';
  const hasArgument = reference.operator !== '' && reference.operator !== 'passthrough';
  return {
    name: reference.name,
    file: reference.file,
    line: reference.line,
    column: reference.column,
    path: formatPath(reference.path),
    source: 'compose',
    operator: reference.operator,
    default: hasArgument && !isMessage ? reference.argument : null,
    message: isMessage ? reference.argument : null,
    text: reference.text,
  };
}
