import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyAuditPolicy } from '../../src/audit/apply-policy.js';
import { DEFAULT_DISTROLESS_BASES, defaultAuditPolicy, parseAuditPolicy } from '../../src/audit/policy.js';
import { makeFinding } from '../../src/findings.js';

const RULES = ['audit/read-only', 'audit/cap-add', 'audit/non-root'];

describe('parseAuditPolicy', () => {
  it('reads lists, labels, rules and waivers over the defaults', () => {
    const text = `version: 1
stacks: {}
audit:
  distrolessBases: [registry.acme.dev/base/*]
  allowImages: [pickme/*]
  capAdd: [cap_net_bind_service]
  requiredLabels: [lucid.type=distroless, lucid.security]
  requireDigest: true
  rules:
    audit/read-only: off
    audit/cap-add: { severity: warning, services: [lucid-*], exclude: [lucid-tools] }
  waivers:
    - rule: audit/non-root
      service: lucid-elasticsearch
      reason: the image drops to uid 1000 itself
`;
    const { policy, findings } = parseAuditPolicy(text, '/w/lucid-env.yml', RULES);
    assert.deepEqual(findings, []);
    assert.deepEqual(policy.distrolessBases, [...DEFAULT_DISTROLESS_BASES, 'registry.acme.dev/base/*']);
    assert.deepEqual(policy.allowImages, ['pickme/*']);
    assert.deepEqual(policy.capAdd, ['NET_BIND_SERVICE']);
    assert.deepEqual(policy.requiredLabels, [
      { key: 'lucid.type', value: 'distroless' },
      { key: 'lucid.security', value: undefined },
    ]);
    assert.equal(policy.requireDigest, true);
    assert.deepEqual(
      [...policy.rules],
      [
        ['audit/read-only', { severity: 'off', services: undefined, exclude: [] }],
        ['audit/cap-add', { severity: 'warning', services: ['lucid-*'], exclude: ['lucid-tools'] }],
      ],
    );
    assert.deepEqual(policy.waivers, [
      {
        rule: 'audit/non-root',
        service: 'lucid-elasticsearch',
        stack: undefined,
        reason: 'the image drops to uid 1000 itself',
        file: '/w/lucid-env.yml',
        line: 13,
      },
    ]);
  });

  it('reports every problem at its line, keeping the defaults for what is wrong', () => {
    const text = `audit:
  allowImage: [x]
  capAdd: NET_ADMIN
  requireDigest: yes
  rules:
    audit/nope: off
    audit/read-only: loud
  waivers:
    - rule: audit/non-root
      service: db
`;
    const { policy, findings } = parseAuditPolicy(text, '/w/lucid-env.yml', RULES);
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.line, finding.message]),
      [
        ['audit/policy', 2, 'unknown key audit.allowImage'],
        ['audit/policy', 4, 'audit.requireDigest must be true or false'],
        ['audit/policy', 6, 'unknown audit rule "audit/nope"'],
        ['audit/policy', 7, 'audit.rules.audit/read-only: severity must be error, warning, info or off'],
        ['audit/policy', 9, 'a waiver needs a reason: the report shows it'],
      ],
    );
    assert.deepEqual(policy.capAdd, ['NET_ADMIN']);
    assert.equal(policy.requireDigest, false);
  });
});

describe('applyAuditPolicy', () => {
  const finding = (code: 'audit/read-only' | 'audit/cap-add' | 'audit/non-root', service: string) =>
    makeFinding(code, { file: '/p/compose.yaml', line: 3, column: 3 }, `${service} problem`, { service });

  it('switches rules off, limits them to services, changes severity, and keeps waived findings as info with the reason', () => {
    const policy = defaultAuditPolicy();
    policy.rules = new Map([
      ['audit/read-only', { severity: 'off', services: undefined, exclude: [] }],
      ['audit/cap-add', { severity: 'warning', services: ['lucid-*'], exclude: ['lucid-tools'] }],
    ]);
    policy.waivers = [
      { rule: 'audit/non-root', service: 'lucid-es*', stack: undefined, reason: 'runs as uid 1000', file: '/w/lucid-env.yml', line: 9 },
      { rule: 'audit/non-root', service: 'nothing', stack: undefined, reason: 'stale', file: '/w/lucid-env.yml', line: 12 },
    ];
    const { findings, waived } = applyAuditPolicy(
      [
        finding('audit/read-only', 'api'),
        finding('audit/cap-add', 'lucid-api'),
        finding('audit/cap-add', 'lucid-tools'),
        finding('audit/cap-add', 'other'),
        finding('audit/non-root', 'lucid-es'),
      ],
      policy,
    );
    assert.deepEqual(
      findings.map((item) => [item.code, item.severity, item.message]),
      [
        ['audit/cap-add', 'warning', 'lucid-api problem'],
        ['audit/non-root', 'info', 'waived (runs as uid 1000): lucid-es problem'],
        ['audit/policy', 'warning', 'the waiver of audit/non-root for nothing matches no finding'],
      ],
    );
    assert.deepEqual(
      waived.map((item) => [item.finding.service, item.waiver.reason]),
      [['lucid-es', 'runs as uid 1000']],
    );
  });
});
