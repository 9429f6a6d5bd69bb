/** Pure: checks a value against a template type (SPEC section 7); reasons never quote secrets. */
import type { TemplateVariable, ValueType } from './types.js';

const HOSTNAME = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const TYPE_CHECKS: Record<ValueType, (value: string, variable: TemplateVariable) => string | undefined> = {
  string: () => undefined,
  int: (value) => (/^-?\d+$/.test(value) ? undefined : 'it is not a whole number'),
  port: (value) => (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535 ? undefined : 'it is not a port number (1-65535)'),
  bool: (value) => (/^(?:true|false|1|0|yes|no|on|off)$/i.test(value) ? undefined : 'it is not a boolean (true/false, yes/no, 1/0, on/off)'),
  url: (value) => {
    try {
      const url = new URL(value);
      return url.protocol !== '' && url.host !== '' ? undefined : 'it is not an absolute URL with a host';
    } catch {
      return 'it is not a valid URL (scheme://host…)';
    }
  },
  hostname: (value) => (HOSTNAME.test(value) ? undefined : 'it is not a valid hostname'),
  hex: (value) => (/^(?:[0-9A-Fa-f]{2})+$/.test(value) ? undefined : 'it is not hex (pairs of 0-9, a-f)'),
  base64: (value) => (/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value) ? undefined : 'it is not standard padded base64'),
  choices: (value, variable) => (variable.choices?.includes(value) ? undefined : `it is not one of ${(variable.choices ?? []).join(', ')}`),
};

/** Why a value does not fit its variable's type, or undefined. */
export function checkValueType(value: string, variable: TemplateVariable): string | undefined {
  return variable.type === undefined ? undefined : TYPE_CHECKS[variable.type](value, variable);
}
