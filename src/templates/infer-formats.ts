/**
 * Pure: what existing values and defaults say about a variable: the generator a secret's values
 * were made with (64 hex stays 64 hex, 44 base64 stays base64), and the type of a setting.
 * Each answer comes with the reason a reviewer reads in the template.
 */
import type { GeneratorSpec } from '../secrets/generate.js';
import type { ValueType } from './types.js';
import { checkValueType } from './value-types.js';

/** A decision and why. */
export interface Reasoned<T> {
  value: T;
  reason: string;
}

const HEX = /^(?:[0-9a-f]{2})+$|^(?:[0-9A-F]{2})+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function bytesOfBase64(text: string): number {
  return Math.floor((text.replace(/=+$/, '').length * 3) / 4);
}

/** The shape of one existing secret value, if it is an encoding of random bytes. */
function encodingOf(value: string): { encoding: 'hex' | 'base64' | 'base64url'; bytes: number } | undefined {
  if (value.length >= 32 && HEX.test(value)) return { encoding: 'hex', bytes: value.length / 2 };
  if (value.length >= 24 && value.length % 4 === 0 && BASE64.test(value) && (/[+/=]/.test(value) || value.endsWith('='))) {
    return { encoding: 'base64', bytes: bytesOfBase64(value) };
  }
  // Random base64url has a `-` or `_` in about one character of 32; more reads as a separated password.
  const separators = value.replace(/[^-_]/g, '').length;
  const isEncodedLength = [22, 43, 64, 86].includes(value.length);
  if (
    isEncodedLength &&
    BASE64URL.test(value) &&
    separators > 0 &&
    separators <= Math.max(2, value.length / 10) &&
    /[A-Z]/.test(value) &&
    /[a-z]/.test(value)
  ) {
    return { encoding: 'base64url', bytes: Math.floor((value.length * 3) / 4) };
  }
  return undefined;
}

/** True for names of keys (bytes) rather than passwords. */
function isKeyName(name: string): boolean {
  return /(?:^|_)KEY$|ENCRYPTION|SIGNING|(?:^|_)SALT$|(?:^|_)PEPPER$/i.test(name) && !/PASSWORD|PASSWD|PASSPHRASE/i.test(name);
}

/**
 * The generator of a secret we own. Existing values decide the format when they agree; otherwise
 * keys get 32 random bytes and passwords 32 alphanumeric characters, which every env file, shell
 * and URL carries without quoting. `inUrl` names where the value sits inside a URL.
 */
export function inferGenerator(name: string, values: readonly string[], inUrl: string | undefined): Reasoned<GeneratorSpec> {
  const shapes = values.map(encodingOf);
  const first = shapes[0];
  // `+`, `/` and `=` would need percent-encoding inside a URL: such a value gets a URL-safe format.
  const fitsUrl = inUrl === undefined || first?.encoding !== 'base64';
  if (first !== undefined && fitsUrl && shapes.every((shape) => shape?.encoding === first.encoding && shape.bytes === first.bytes) && first.bytes >= 16) {
    const count = values.length === 1 ? 'the existing value is' : `all ${values.length} existing values are`;
    const shown = first.encoding === 'hex' ? `${first.bytes * 2} hex digits` : `${first.bytes} bytes in ${first.encoding}`;
    return { value: { kind: 'bytes', bytes: first.bytes, encoding: first.encoding }, reason: `${count} ${shown}` };
  }
  const longest = values.reduce((length, value) => Math.max(length, value.length), 0);
  const length = Math.min(128, Math.max(32, longest));
  if (inUrl !== undefined) {
    return { value: { kind: 'password', length, alphabet: 'alnum' }, reason: `alphanumeric, because it sits inside a URL (${inUrl})` };
  }
  if (values.length === 0 && isKeyName(name)) {
    return { value: { kind: 'bytes', bytes: 32, encoding: 'base64' }, reason: 'a key with no existing value: 32 random bytes, standard base64' };
  }
  const why = values.length > 0 && shapes.some((shape) => shape !== undefined) ? 'existing values disagree on a format; ' : '';
  return { value: { kind: 'password', length, alphabet: 'alnum' }, reason: `${why}${length} alphanumeric characters need no quoting anywhere` };
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;

/** The type of a setting from its name, defaults and values; every value must pass the type. */
export function inferType(name: string, samples: readonly string[], usedAsPort: string | undefined): Reasoned<ValueType> | undefined {
  const all = samples.filter((sample) => sample !== '');
  const fits = (type: ValueType) =>
    all.every((sample) => checkValueType(sample, { name, type, secret: false, supplied: false, required: false, line: 0 }) === undefined);
  if ((/(?:^|_)PORT$/i.test(name) || usedAsPort !== undefined) && fits('port')) {
    return { value: 'port', reason: usedAsPort !== undefined ? `published as a port (${usedAsPort})` : 'name ends in _PORT' };
  }
  if (all.length === 0) return undefined;
  if (all.every((sample) => /^(?:true|false)$/i.test(sample))) return { value: 'bool', reason: 'its values are true or false' };
  if (fits('int') && all.every((sample) => /^-?\d+$/.test(sample))) return { value: 'int', reason: 'its values are whole numbers' };
  if (all.every((sample) => URL_LIKE.test(sample)) && fits('url')) return { value: 'url', reason: 'its values are URLs' };
  if (/(?:^|_)HOST(?:NAME)?$/i.test(name) && fits('hostname')) return { value: 'hostname', reason: 'name ends in _HOST and its values are hostnames' };
  return undefined;
}
