import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InferenceReference } from '../../src/templates/infer.js';
import { inferVariables } from '../../src/templates/infer.js';
import { guessDerived } from '../../src/templates/infer-derived.js';
import { inferGenerator, inferType } from '../../src/templates/infer-formats.js';
import { mergeTemplateText } from '../../src/templates/merge-template.js';
import { parseTemplateText } from '../../src/templates/parse.js';
import { stringifyTemplate } from '../../src/templates/stringify-template.js';

const HEX = 'a'.repeat(8) + '0123456789abcdef'.repeat(3) + 'b'.repeat(8);
const BASE64 = 'q3Jx9vN2mL8pR5tW1yZ4bC7fH0kD6gA3sE9uI2oP5lM=';

function use(name: string, operator: string, argument: string | null, extra: Partial<InferenceReference> = {}): InferenceReference {
  return { name, operator, argument, where: 'compose.yaml:1', path: 'services.api.environment.X', ...extra };
}

describe('formats from existing values', () => {
  it('64 hex stays 64 hex, 44 base64 stays base64, a separated password becomes alphanumeric', () => {
    assert.deepEqual(inferGenerator('ENCRYPTION_KEY', [HEX], undefined), {
      value: { kind: 'bytes', bytes: 32, encoding: 'hex' },
      reason: 'the existing value is 64 hex digits',
    });
    assert.deepEqual(inferGenerator('JWT_SECRET_KEY', [BASE64, BASE64], undefined).value, { kind: 'bytes', bytes: 32, encoding: 'base64' });
    assert.deepEqual(inferGenerator('DB_PASSWORD', ['Vq8-Zr2_Lm9-Tx4_Pw7Kd3'], undefined).value, { kind: 'password', length: 32, alphabet: 'alnum' });
  });

  it('inside a URL a base64 key gives way to a URL-safe password; values that disagree fall back to a password', () => {
    assert.deepEqual(inferGenerator('DB_PASSWORD', [BASE64], 'services.api.environment.DB_URL'), {
      value: { kind: 'password', length: 44, alphabet: 'alnum' },
      reason: 'alphanumeric, because it sits inside a URL (services.api.environment.DB_URL)',
    });
    assert.equal(
      inferGenerator('SIGNING_KEY', [HEX, BASE64], undefined).reason,
      'existing values disagree on a format; 64 alphanumeric characters need no quoting anywhere',
    );
    assert.deepEqual(inferGenerator('SIGNING_KEY', [], undefined).value, { kind: 'bytes', bytes: 32, encoding: 'base64' });
  });

  it('types: ports, booleans, whole numbers, URLs, hostnames; none when a value does not fit', () => {
    assert.equal(inferType('API_PORT', ['8080'], undefined)?.value, 'port');
    assert.equal(inferType('WEB', ['8080'], 'compose.yaml:3')?.value, 'port');
    assert.equal(inferType('DEBUG', ['false', 'TRUE'], undefined)?.value, 'bool');
    assert.equal(inferType('WORKERS', ['4', '8'], undefined)?.value, 'int');
    assert.equal(inferType('GATEWAY', ['http://api:8080'], undefined)?.value, 'url');
    assert.equal(inferType('REDIS_HOST', ['lucid-redis'], undefined)?.value, 'hostname');
    assert.equal(inferType('API_PORT', ['eighty'], undefined), undefined);
  });
});

describe('derived values', () => {
  it('a URI holding a password becomes a derive template, percent-encoded where the value was', () => {
    const secrets = new Map([['DB_PASSWORD', 'p@ss:word/Z9x8']]);
    assert.deepEqual(guessDerived('DB_URL', 'postgres://app:p%40ss%3Aword%2FZ9x8@db:5432/app', secrets), {
      template: 'postgres://app:{DB_PASSWORD|url}@db:5432/app',
      from: ['DB_PASSWORD'],
    });
    assert.deepEqual(guessDerived('NOTE', 'x {y} Zx8Kq2Lm9Pw4', new Map([['TOKEN', 'Zx8Kq2Lm9Pw4']])), { template: 'x {{y}} {TOKEN}', from: ['TOKEN'] });
    assert.equal(guessDerived('DB_URL', 'postgres://app@db', secrets), undefined);
  });
});

describe('inferVariables', () => {
  it('decides each variable and says why', () => {
    const references = [
      use('DB_PASSWORD', ':?', 'set it', { inUrl: 'services.api.environment.DB_URL' }),
      use('TRONGRID_API_KEY', ':?', 'get a key at trongrid.io'),
      use('JWT_ACCESS_TOKEN_EXPIRE_MINUTES', ':-', '30'),
      use('LOG_LEVEL', ':-', 'INFO'),
      use('LOG_LEVEL', ':-', 'DEBUG', { where: 'other.yaml:9' }),
      use('API_PORT', '', null, { path: 'services.api.ports[0]' }),
    ];
    const variables = inferVariables(references, [
      {
        path: '.env',
        values: new Map([
          ['DB_URL', 'postgres://app:Zx8Kq2Lm9Pw4Rt7Y@db/app'],
          ['DB_PASSWORD', 'Zx8Kq2Lm9Pw4Rt7Y'],
        ]),
      },
    ]);
    const summary = variables.map((variable) => {
      const { notes, ...decisions } = variable;
      return [decisions, notes.slice(1)];
    });
    assert.deepEqual(summary, [
      [
        { name: 'DB_PASSWORD', secret: true, supplied: false, required: true, generate: { kind: 'password', length: 32, alphabet: 'alnum' } },
        [
          'secret: the name contains PASSWORD',
          'required: used with :? at compose.yaml:1',
          'generate: alphanumeric, because it sits inside a URL (services.api.environment.DB_URL)',
        ],
      ],
      [
        { name: 'TRONGRID_API_KEY', secret: true, supplied: true, required: true },
        [
          'secret: the name contains API_KEY',
          'required: used with :? at compose.yaml:1',
          'supplied: its :? message says it comes from elsewhere; lucid-env asks for it and never invents one',
        ],
      ],
      [
        { name: 'JWT_ACCESS_TOKEN_EXPIRE_MINUTES', secret: false, supplied: false, required: false, type: 'int', default: '30' },
        ['type int: its values are whole numbers', 'default: the compose default'],
      ],
      [
        { name: 'LOG_LEVEL', secret: false, supplied: false, required: false },
        ['no default: compose defaults differ ("INFO" at compose.yaml:1, "DEBUG" at other.yaml:9); pick one'],
      ],
      [
        { name: 'API_PORT', secret: false, supplied: false, required: true, type: 'port' },
        ['required: no default anywhere (plain use at compose.yaml:1)', 'type port: published as a port (compose.yaml:1)'],
      ],
      [
        { name: 'DB_URL', secret: true, supplied: false, required: false, derive: 'postgres://app:{DB_PASSWORD|url}@db/app' },
        ['secret: it holds DB_PASSWORD', 'derive: its value in .env is built from DB_PASSWORD; generate recomputes it'],
      ],
    ]);
    const text = stringifyTemplate({ name: 'api', description: 'Variables of api', compose: ['compose.yaml'] }, variables);
    assert.deepEqual(parseTemplateText(text, 'api.yml').findings, []);
  });
});

describe('template infer --merge', () => {
  it('adds what the template lacks after its last variable and keeps every existing line', () => {
    const current = [
      '# my template',
      'name: api',
      'variables:',
      '  DB_PASSWORD:',
      '    secret: true   # hand edit',
      '    generate: { kind: password, length: 40, alphabet: alnum }',
      '  OLD_NAME: { type: string }',
      '',
      '# trailing comment',
      'envFile: .env',
      '',
    ].join('\n');
    const inferred = inferVariables([use('DB_PASSWORD', ':?', 'x'), use('API_PORT', ':-', '8080')], []);
    const merged = mergeTemplateText(current, inferred, 'api.yml');
    assert.deepEqual(merged.added, ['API_PORT']);
    assert.deepEqual(merged.unreferenced, ['OLD_NAME']);
    const lines = merged.text.split('\n');
    assert.deepEqual(lines.slice(0, 7), current.split('\n').slice(0, 7));
    assert.equal(lines[7], '  API_PORT:');
    assert.ok(merged.text.endsWith('\n# trailing comment\nenvFile: .env\n'), merged.text);
    assert.deepEqual(parseTemplateText(merged.text, 'api.yml').findings, []);
    assert.equal(mergeTemplateText(merged.text, inferred, 'api.yml').text, merged.text);
  });
});
