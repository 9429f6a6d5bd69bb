import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { EnvDocument } from '../../src/dotenv/document.js';
import { envValues } from '../../src/dotenv/document.js';
import type { EditResult } from '../../src/dotenv/edit.js';
import { removeEntry, setEntries, setEntry } from '../../src/dotenv/edit.js';
import { parseEnv } from '../../src/dotenv/parse.js';
import { stringifyEnv } from '../../src/dotenv/stringify.js';

const load = (text: string): EnvDocument => parseEnv(text, { file: '.env' }).document;
const options = { pythonCompat: true };

/** The edited text and action, failing the test on a refusal. */
function applied(result: EditResult): { text: string; action: string } {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return { text: stringifyEnv(result.document), action: result.action };
}

describe('setEntry', () => {
  it('updates one line in place and keeps comments, order and the other lines', () => {
    const text = '# database\nDB_HOST=db  # the host\n\nDB_PASSWORD="old value"\nexport   DB_USER=\'me\'\n';
    assert.deepEqual(applied(setEntry(load(text), 'DB_PASSWORD', 'n3w', options)), {
      text: "# database\nDB_HOST=db  # the host\n\nDB_PASSWORD=n3w\nexport   DB_USER='me'\n",
      action: 'updated',
    });
    assert.equal(
      applied(setEntry(load(text), 'DB_HOST', 'new host', options)).text,
      "# database\nDB_HOST='new host'  # the host\n\nDB_PASSWORD=\"old value\"\nexport   DB_USER='me'\n",
    );
  });

  it('keeps the export prefix and indentation', () => {
    assert.equal(applied(setEntry(load('  export\tA=1\n'), 'A', 'x y', options)).text, "  export\tA='x y'\n");
  });

  it('keeps CRLF line breaks, the BOM and a missing final newline', () => {
    assert.equal(applied(setEntry(load('\ufeffA=1\r\nB=2'), 'A', 'z', options)).text, '\ufeffA=z\r\nB=2');
    assert.equal(applied(setEntry(load('\ufeffA=1\r\nB=2'), 'B', 'z', options)).text, '\ufeffA=1\r\nB=z');
  });

  it('appends a new key after a final newline it adds, with the file line break', () => {
    assert.deepEqual(applied(setEntry(load('A=1\r\nB=2'), 'C', 'v', options)), { text: 'A=1\r\nB=2\r\nC=v\r\n', action: 'added' });
    assert.equal(applied(setEntry(load(''), 'C', 'v', options)).text, 'C=v\n');
    assert.equal(applied(setEntry(load('\ufeff'), 'C', 'v', options)).text, '\ufeffC=v\n');
  });

  it('writes a comment header before an added key only', () => {
    const added = setEntry(load('A=1\n'), 'TOKEN', 'abc', { ...options, comment: 'API token\nrotate yearly' });
    assert.equal(applied(added).text, 'A=1\n# API token\n# rotate yearly\nTOKEN=abc\n');
    assert.equal(applied(setEntry(load('TOKEN=1\n'), 'TOKEN', 'abc', { ...options, comment: 'x' })).text, 'TOKEN=abc\n');
  });

  it('updates the last of duplicate definitions', () => {
    assert.equal(applied(setEntry(load('A=1\nB=2\nA=3\n'), 'A', '4', options)).text, 'A=1\nB=2\nA=4\n');
  });

  it('replaces a multi-line value whole', () => {
    const text = 'A=1\nCERT="-----BEGIN\nabc\n-----END"\nB=2\n';
    assert.equal(applied(setEntry(load(text), 'CERT', 'one line', options)).text, "A=1\nCERT='one line'\nB=2\n");
    assert.equal(applied(setEntry(load('A=1\n'), 'A', 'x\ny', options)).text, "A='x\ny'\n");
  });

  it('gives a key without "=" its value', () => {
    assert.equal(applied(setEntry(load('A\nB=1\n'), 'A', 'v', options)).text, 'A=v\nB=1\n');
  });

  it('splits a line where another statement follows the closing quote', () => {
    const result = applied(setEntry(load('A="x" B=2\n'), 'A', 'y', options));
    assert.equal(result.text, 'A=y\n B=2\n');
    assert.deepEqual(Object.fromEntries(envValues(load(result.text))), { A: 'y', B: '2' });
  });

  it('leaves a value that is already written safely unchanged', () => {
    const document = load("A='x y'\nB=abc\n");
    const result = setEntry(document, 'A', 'x y', options);
    assert.ok(result.ok);
    assert.equal(result.action, 'unchanged');
    assert.equal(result.document, document);
    // Same value for Compose, but npm dotenv reads `$$` literally: rewrite it.
    assert.deepEqual(applied(setEntry(load('P=a$$b\n'), 'P', 'a$b', options)), { text: "P='a$b'\n", action: 'updated' });
  });

  it('returns values interpolated after the edit', () => {
    const result = setEntry(load('A=1\nB=${A}\n'), 'A', '2', { ...options, lookup: () => undefined });
    assert.ok(result.ok);
    assert.equal(envValues(result.document).get('B'), '2');
  });

  it('refuses without changing anything, naming the key only', () => {
    for (const [key, value] of [
      ['A', 'it\'s "s3cr3t" # x'],
      ['A', '${s3cr3t}'],
      ['1A', 's3cr3t'],
    ]) {
      const result = setEntry(load('A=1\n'), key as string, value as string, options);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.ok(result.reason.includes(key as string));
        assert.ok(!result.reason.includes('s3cr3t'), result.reason);
      }
    }
    assert.equal(setEntry(load("A='open\nB=1\n"), 'B', '2', options).ok, false);
  });
});

describe('removeEntry', () => {
  it('removes every definition and nothing else', () => {
    assert.deepEqual(applied(removeEntry(load('# c\nA=1\nB=2\r\nA="x\ny"\nC=3'), 'A')), { text: '# c\nB=2\r\nC=3', action: 'removed' });
  });

  it('keeps the line break of a statement that shared its line', () => {
    assert.equal(applied(removeEntry(load('A="x" B=2\nC=3\n'), 'B')).text, 'A="x"\nC=3\n');
    assert.equal(applied(removeEntry(load('A="x" B=2\nC=3\n'), 'A')).text, ' B=2\nC=3\n');
  });

  it('keeps the BOM when the first line goes', () => {
    assert.equal(applied(removeEntry(load('\ufeffA=1\nB=2\n'), 'A')).text, '\ufeffB=2\n');
  });

  it('reports an absent key as unchanged', () => {
    const document = load('A=1\n');
    assert.deepEqual(removeEntry(document, 'B'), { ok: true, document, action: 'unchanged' });
  });
});

describe('setEntry: property', () => {
  const line = fc.constantFrom('# note\n', '\n', 'A=1\n', "B='two words'\n", 'export C="x\ny"\n', 'D=4 # c\r\n', '  E=5\n', 'A=6\n', 'F="q" G=7\n');
  const lineBreak = fc.constantFrom('', '\n');
  const values = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', '#', "'", '"', '\\', '\n', '\t', '-', '/'), maxLength: 8 });
  it('reads the new value back and keeps every other key', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), lineBreak, fc.constantFrom('A', 'C', 'E', 'G', 'NEW'), values, (lines, last, key, value) => {
        const text = lines.join('').replace(/\n$/, last);
        const before = envValues(load(text));
        const result = setEntry(load(text), key, value, options);
        if (!result.ok) return;
        const after = envValues(load(stringifyEnv(result.document)));
        assert.equal(after.get(key), value);
        before.delete(key);
        after.delete(key);
        assert.deepEqual(after, before);
        if (result.action === 'added') assert.ok(stringifyEnv(result.document).startsWith(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('setEntries', () => {
  it('sets many keys with one parse and the same result as setting them one by one', () => {
    const text = '# head\r\nA=1\r\nexport B=2 # keep\r\nC=3';
    const { document } = parseEnv(text, { file: '.env' });
    const assignments = [
      { key: 'B', value: 'two' },
      { key: 'D', value: 'new value', comment: 'about D' },
      { key: 'A', value: '1' },
      { key: 'E', value: 'x' },
    ];
    const many = setEntries(document, assignments, { pythonCompat: true });
    assert.ok(many.ok);
    let one = document;
    for (const assignment of assignments) {
      const result = setEntry(one, assignment.key, assignment.value, {
        pythonCompat: true,
        ...(assignment.comment === undefined ? {} : { comment: assignment.comment }),
      });
      assert.ok(result.ok);
      one = result.document;
    }
    assert.equal(stringifyEnv(many.document), stringifyEnv(one));
    assert.equal(stringifyEnv(many.document), "# head\r\nA=1\r\nexport B=two # keep\r\nC=3\r\n# about D\r\nD='new value'\r\nE=x\r\n");
    assert.deepEqual(
      [...many.actions],
      [
        ['B', 'updated'],
        ['D', 'added'],
        ['A', 'unchanged'],
        ['E', 'added'],
      ],
    );
  });

  it('refuses the whole edit when one value cannot be written, naming that key', () => {
    const { document } = parseEnv('A=1\n', { file: '.env' });
    const result = setEntries(
      document,
      [
        { key: 'A', value: '2' },
        { key: 'B', value: `it's "q" #` },
      ],
      { pythonCompat: true },
    );
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.reason, /^cannot write B: rule 4/);
  });
});
