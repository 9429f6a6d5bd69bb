import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EnvEntry } from '../../src/dotenv/document.js';
import { envValues, findEntry } from '../../src/dotenv/document.js';
import { parseEnv } from '../../src/dotenv/parse.js';

const parse = (text: string, env: Record<string, string> = {}) => parseEnv(text, { file: '.env', lookup: (name) => env[name] });
const entry = (text: string, key: string, env: Record<string, string> = {}): EnvEntry => {
  const found = findEntry(parse(text, env).document, key);
  assert.ok(found, `no entry ${key}`);
  return found;
};
const codes = (text: string) => parse(text).findings.map((finding) => `${finding.code}@${finding.line}:${finding.column}`);

describe('parseEnv: lines', () => {
  it('keeps each line with its raw text, kind and line number', () => {
    const { document } = parse('# head\n\nexport A=1 # note\r\n  B="x\ny"\nbad key=1\n');
    assert.deepEqual(
      document.lines.map((line) => [line.kind, line.line, line.raw]),
      [
        ['comment', 1, '# head\n'],
        ['blank', 2, '\n'],
        ['entry', 3, 'export A=1 # note\r\n'],
        ['entry', 4, '  B="x\ny"\n'],
        ['invalid', 6, 'bad key=1\n'],
      ],
    );
    assert.equal(document.eol, '\n');
    assert.equal(document.finalNewline, true);
  });

  it('describes the document: CRLF, BOM, final newline', () => {
    const { document } = parse('\ufeffA=1\r\nB=2');
    assert.deepEqual({ eol: document.eol, bom: document.bom, finalNewline: document.finalNewline }, { eol: '\r\n', bom: true, finalNewline: false });
    assert.equal(document.lines[0]?.raw, '\ufeffA=1\r\n');
  });

  it('reads entry fields', () => {
    const found = entry('  export  API_KEY = "a b" # c\n', 'API_KEY');
    assert.deepEqual(
      { ...found, references: undefined },
      {
        kind: 'entry',
        raw: '  export  API_KEY = "a b" # c\n',
        line: 1,
        column: 11,
        key: 'API_KEY',
        exported: true,
        quote: 'double',
        inherited: false,
        rawValue: '"a b"',
        value: 'a b',
        valueLine: 1,
        valueColumn: 21,
        references: undefined,
        offsets: { key: 10, value: 20, valueEnd: 25 },
      },
    );
  });

  it('does not count the BOM as a column', () => {
    assert.equal(entry('\ufeffA=1\n', 'A').column, 1);
    assert.equal(entry('\ufeffA=1\n', 'A').valueColumn, 3);
  });
});

describe('parseEnv: values as Compose reads them', () => {
  it('cuts an unquoted value at " #" only', () => {
    assert.equal(entry('A=a#b #c\n', 'A').value, 'a#b');
    assert.equal(entry('A=a\t#b\n', 'A').value, 'a\t#b');
    assert.equal(entry('A="a" #c\n', 'A').value, 'a');
  });

  it('keeps single quotes literal but for an escaped quote', () => {
    assert.equal(entry("A='$B \\n \\\\ \\''\n", 'A', { B: 'x' }).value, "$B \\n \\\\ '");
  });

  it('decodes double-quoted escapes as compose-go', () => {
    assert.equal(entry('A="\\a\\b\\f\\n\\r\\t\\v\\\\\\"\\c\\x\\$B"\n', 'A', { B: 'no' }).value, '\x07\b\f\n\r\t\v\\"\\c\\x$B');
    assert.equal(entry('A="\\0101\\0\\012\\0400|\\01234"\n', 'A').value, 'A\\\\12\\400|S4');
  });

  it('interpolates with the lookup first, then earlier keys', () => {
    const { document } = parse('A=file\nB=${A}-$A-"$A"\nC="${A:-d} $UNSET ${UNSET:-d}"\nD=\'$A\'\n', { A: 'env' });
    assert.deepEqual(Object.fromEntries(envValues(document)), { A: 'file', B: 'env-env-"env"', C: 'env  d', D: '$A' });
    assert.deepEqual(Object.fromEntries(envValues(parse('A=file\nB=${A}\n').document)), { A: 'file', B: 'file' });
  });

  it('takes a key without "=" from the lookup only', () => {
    const unset = entry('A=1\nA\n', 'A');
    assert.equal(unset.inherited, true);
    assert.equal(unset.value, undefined);
    assert.deepEqual(Object.fromEntries(envValues(parse('A=1\nA\n').document)), { A: '1' });
    assert.equal(entry('A\n', 'A', { A: 'env' }).value, 'env');
  });

  it('accepts the YAML-style ":" separator and keys with . - [ ]', () => {
    assert.deepEqual(Object.fromEntries(envValues(parse('A: 1\na[0].b-c=2\n').document)), { A: '1', 'a[0].b-c': '2' });
  });

  it('reads a statement after a closing quote as compose-go does', () => {
    const { document } = parse('A="x" B=2\n');
    assert.deepEqual(
      document.lines.map((line) => line.raw),
      ['A="x"', ' B=2\n'],
    );
    assert.deepEqual(Object.fromEntries(envValues(document)), { A: 'x', B: '2' });
  });
});

describe('parseEnv: references', () => {
  it('gives each reference its line and column in the file', () => {
    const found = entry('X=1\nA="first\n  ${B:-${C}} \\$D $$E $F"\n', 'A');
    assert.deepEqual(
      found.references.map((reference) => [reference.name, reference.operator, reference.line, reference.column]),
      [
        ['B', ':-', 3, 3],
        ['C', '', 3, 8],
        ['F', '', 3, 22],
      ],
    );
  });

  it('gives each reference its text as written and its argument', () => {
    const found = entry('A="${B:-x y} \\t${C?need it}"\n', 'A');
    assert.deepEqual(
      found.references.map((reference) => [reference.text, reference.argument]),
      [
        ['${B:-x y}', 'x y'],
        ['${C?need it}', 'need it'],
      ],
    );
    assert.deepEqual(
      entry('A=$B\n', 'A').references.map((reference) => [reference.text, reference.argument]),
      [['$B', null]],
    );
  });

  it('counts columns in UTF-16 code units', () => {
    assert.deepEqual(
      entry('A=😀é$B\n', 'A').references.map((reference) => reference.column),
      [6],
    );
  });

  it('lists no reference in single quotes', () => {
    assert.deepEqual(entry("A='$B'\n", 'A').references, []);
  });
});

describe('parseEnv: findings', () => {
  it('reports lines Compose rejects, and reads on', () => {
    const { document, findings } = parse('A B=1\nC=2\n$D=3\nE="open\n');
    assert.deepEqual(
      findings.map((finding) => `${finding.code}:${finding.severity}@${finding.line}:${finding.column}`),
      ['env-syntax:error@1:1', 'env-syntax:error@3:1', 'env-syntax:error@4:3'],
    );
    assert.deepEqual(Object.fromEntries(envValues(document)), { C: '2' });
  });

  it('never puts a value in a message', () => {
    const { findings } = parse("A='s3cr3t'x!\nB=\"s3cr3t\nC=s3cr3t${\nC=s3cr3tz\nD=${NOPE:?s3cr3t}\n");
    assert.ok(findings.length >= 5);
    for (const finding of findings) assert.ok(!JSON.stringify(finding).includes('s3cr3t'), finding.message);
  });

  it('reports malformed ${ as invalid-interpolation at its $', () => {
    assert.deepEqual(codes('A=x${\nB="a\n ${1}"\n'), ['invalid-interpolation@1:4', 'invalid-interpolation@3:2']);
  });

  it('reports a failed ${NAME:?} as missing', () => {
    const [finding] = parse('A=${NOPE:?set it}\n').findings;
    assert.equal(finding?.code, 'missing');
    assert.equal(finding?.variable, 'NOPE');
  });

  it('reports duplicate keys at the second definition', () => {
    const { findings } = parse('A=1\nB=1\nA=1\nB=2\n');
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.severity, finding.line, finding.variable]),
      [
        ['duplicate-key', 'warning', 3, 'A'],
        ['duplicate-key', 'error', 4, 'B'],
      ],
    );
  });

  it('warns about a last line with no "=" and no line break (compose-go reads a nameless value)', () => {
    const { document, findings } = parse('A=1\nB');
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.severity, finding.line]),
      [['env-syntax', 'warning', 2]],
    );
    assert.equal(findEntry(document, 'B'), undefined);
  });

  it('rejects "export" with nothing after it at the end', () => {
    assert.deepEqual(codes('export '), ['env-syntax@1:1']);
  });
});
