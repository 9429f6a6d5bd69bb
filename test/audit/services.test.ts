import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listAuditServices } from '../../src/audit/services.js';
import { parseComposeText } from '../../src/compose/document.js';

const COMPOSE = `x-hardened: &hardened
  read_only: true
  cap_drop: [ALL]
  user: "65532:65532"
x-root: &root
  user: root
  privileged: true
services:
  api:
    <<: [*hardened, *root]
    image: \${REGISTRY:-ghcr.io/acme}/api:\${TAG}
    build:
      context: ./api
      args: { VERSION: "\${VERSION:-1}", TOKEN: literal }
    environment:
      - API_TOKEN=plain
      - PASSTHROUGH
  worker:
    <<: *root
    user: "1000"
    labels: { lucid.type: distroless }
    environment:
      DB_PASSWORD: \${DB_PASSWORD}
`;

describe('listAuditServices', () => {
  const { compose } = parseComposeText(COMPOSE, '/p/compose.yaml');
  const lookup = (name: string): string | undefined => ({ TAG: '2', VERSION: undefined })[name];
  const [api, worker] = listAuditServices(compose, { projectDirectory: '/p', stack: 'main', lookup });

  it('follows merge keys: own keys win, then the earlier anchor; each key points where it is written', () => {
    assert.ok(api !== undefined && worker !== undefined);
    const where = (key: string) => [api.keys.get(key)?.value, api.keys.get(key)?.line];
    assert.deepEqual(where('read_only'), [true, 2]);
    assert.deepEqual(where('user'), ['65532:65532', 4]);
    assert.deepEqual(where('privileged'), [true, 7]);
    assert.deepEqual([worker.keys.get('user')?.value, worker.keys.get('user')?.line], ['1000', 20]);
    assert.deepEqual([api.line, api.column, api.stack], [9, 3, 'main']);
  });

  it('interpolates the image and build; an unset variable leaves the image unknown', () => {
    assert.deepEqual(api?.image?.value, 'ghcr.io/acme/api:2');
    assert.deepEqual(api?.build?.context, './api');
    assert.deepEqual(api?.build?.args, { VERSION: '1', TOKEN: 'literal' });
    const [unknown] = listAuditServices(compose, { projectDirectory: '/p', stack: undefined, lookup: () => undefined });
    assert.equal(unknown?.image, undefined);
  });

  it('lists environment entries with positions, and labels in map form', () => {
    assert.deepEqual(
      api?.environment.map((entry) => [entry.name, entry.value, entry.line]),
      [
        ['API_TOKEN', 'plain', 16],
        ['PASSTHROUGH', null, 17],
      ],
    );
    assert.deepEqual(
      worker?.environment.map((entry) => [entry.name, entry.value, entry.line]),
      [['DB_PASSWORD', '${DB_PASSWORD}', 23]],
    );
    assert.deepEqual([...(worker?.labels ?? [])], [['lucid.type', 'distroless']]);
  });
});
