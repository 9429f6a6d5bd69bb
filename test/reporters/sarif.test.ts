import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatSarif, formatUri, TOOL_VERSION } from '../../src/reporters/sarif.js';
import { checkReport, PLAIN, sarifReport } from './fixture.js';

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: { ruleId: string; ruleIndex: number; level: string }[];
  }[];
}

/** lucid-env's version from the package.json above this file, whatever the build's output depth. */
function readPackageVersion(): string {
  for (let directory = new URL('./', import.meta.url); ; directory = new URL('../', directory)) {
    const file = new URL('package.json', directory);
    if (existsSync(file)) {
      const packageJson = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (packageJson.name === 'lucid-env') return packageJson.version;
    }
    if (directory.pathname === '/') throw new Error('no package.json above the test');
  }
}

describe('sarif reporter', () => {
  it('prints SARIF 2.1.0: rules in RULES order, level from the finding, clamped column, no region for line 0', () => {
    const expected = `${[
      '{',
      '  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",',
      '  "version": "2.1.0",',
      '  "runs": [',
      '    {',
      '      "tool": {',
      '        "driver": {',
      '          "name": "lucid-env",',
      '          "informationUri": "https://github.com/lucid-env/lucid-env",',
      '          "version": "0.1.0",',
      '          "rules": [',
      '            {',
      '              "id": "lucid-env/empty",',
      '              "name": "empty",',
      '              "shortDescription": {',
      '                "text": "Variable is empty where a value is needed"',
      '              },',
      '              "helpUri": "https://github.com/lucid-env/lucid-env#empty",',
      '              "defaultConfiguration": {',
      '                "level": "warning"',
      '              }',
      '            },',
      '            {',
      '              "id": "lucid-env/unused",',
      '              "name": "unused",',
      '              "shortDescription": {',
      '                "text": "Defined but never referenced"',
      '              },',
      '              "helpUri": "https://github.com/lucid-env/lucid-env#unused",',
      '              "defaultConfiguration": {',
      '                "level": "note"',
      '              }',
      '            },',
      '            {',
      '              "id": "lucid-env/yaml-syntax",',
      '              "name": "yaml-syntax",',
      '              "shortDescription": {',
      '                "text": "Compose file is not valid YAML"',
      '              },',
      '              "helpUri": "https://github.com/lucid-env/lucid-env#yaml-syntax",',
      '              "defaultConfiguration": {',
      '                "level": "error"',
      '              }',
      '            }',
      '          ]',
      '        }',
      '      },',
      '      "results": [',
      '        {',
      '          "ruleId": "lucid-env/unused",',
      '          "ruleIndex": 1,',
      '          "level": "note",',
      '          "message": {',
      '            "text": "no file at all"',
      '          }',
      '        },',
      '        {',
      '          "ruleId": "lucid-env/yaml-syntax",',
      '          "ruleIndex": 2,',
      '          "level": "error",',
      '          "message": {',
      '            "text": "compose.yaml is not valid YAML"',
      '          },',
      '          "locations": [',
      '            {',
      '              "physicalLocation": {',
      '                "artifactLocation": {',
      '                  "uri": "compose.yaml"',
      '                }',
      '              }',
      '            }',
      '          ]',
      '        },',
      '        {',
      '          "ruleId": "lucid-env/empty",',
      '          "ruleIndex": 0,',
      '          "level": "error",',
      '          "message": {',
      '            "text": "API_KEY is empty (hint: set a value)"',
      '          },',
      '          "locations": [',
      '            {',
      '              "physicalLocation": {',
      '                "artifactLocation": {',
      '                  "uri": "my%20dir/%231.env"',
      '                },',
      '                "region": {',
      '                  "startLine": 5,',
      '                  "startColumn": 1',
      '                }',
      '              }',
      '            }',
      '          ]',
      '        }',
      '      ]',
      '    }',
      '  ]',
      '}',
    ].join('\n')}\n`;
    assert.equal(formatSarif(sarifReport(), PLAIN), expected);
  });

  it('lists one rule per code present, and every ruleIndex points at its rule', () => {
    const log = JSON.parse(formatSarif(checkReport(), PLAIN)) as SarifLog;
    const run = log.runs[0] as SarifLog['runs'][number];
    assert.deepEqual(
      run.tool.driver.rules.map((rule) => rule.id),
      ['lucid-env/missing', 'lucid-env/suspicious-reference', 'lucid-env/placeholder', 'lucid-env/insecure-permissions', 'lucid-env/unused'],
    );
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
    assert.deepEqual(
      run.results.map((result) => result.level),
      ['error', 'error', 'warning', 'warning', 'note'],
    );
  });

  it('prints an empty run when there are no findings', () => {
    const log = JSON.parse(formatSarif({ command: 'check', files: [], findings: [] }, PLAIN)) as SarifLog;
    assert.deepEqual(log.runs[0]?.tool.driver.rules, []);
    assert.deepEqual(log.runs[0]?.results, []);
  });

  it('encodes paths as URI references, keeping / and ../', () => {
    assert.equal(formatUri('../a b/c:d?e#f%g.env'), '../a%20b/c%3Ad%3Fe%23f%25g.env');
    assert.equal(formatUri('deploy/prod/.env'), 'deploy/prod/.env');
    assert.equal(formatUri('dé/ü.yaml'), 'd%C3%A9/%C3%BC.yaml');
  });

  it('reports the package version as the tool version', () => {
    assert.equal(TOOL_VERSION, readPackageVersion());
  });
});
