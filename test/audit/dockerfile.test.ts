import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../src/audit/dockerfile.js';
import { finalStageChain, parseExecForm } from '../../src/audit/stages.js';

const MULTI_STAGE = `# syntax=docker/dockerfile:1
ARG PYTHON=3.11
ARG RUNTIME=gcr.io/distroless/python3-debian12
ARG TAG
FROM python:\${PYTHON}-slim AS builder
RUN pip install \\
    --target /deps flask
FROM \${RUNTIME}:\${TAG:-nonroot} AS runtime
ARG UID=65532
COPY --from=builder /deps /app/deps
ENV PYTHONPATH=/app/deps API_TOKEN=ghs_notreallyatoken123
USER \${UID}:\${UID}
CMD ["python3", "-m", "app"]
FROM runtime AS debug
USER root
`;

describe('parseDockerfile', () => {
  it('reads stages, expands ARGs in FROM and USER, and picks the last stage', () => {
    const facts = parseDockerfile(MULTI_STAGE, '/p/Dockerfile');
    assert.deepEqual(
      facts.stages.map((stage) => [stage.name, stage.base, stage.resolvedBase, stage.parent, stage.line]),
      [
        ['builder', 'python:${PYTHON}-slim', 'python:3.11-slim', undefined, 5],
        ['runtime', '${RUNTIME}:${TAG:-nonroot}', 'gcr.io/distroless/python3-debian12:nonroot', undefined, 8],
        ['debug', 'runtime', 'runtime', 1, 14],
      ],
    );
    assert.equal(facts.final, 2);
    assert.deepEqual(
      finalStageChain(facts).map((stage) => stage.name),
      ['debug', 'runtime'],
    );
    const users = facts.stages[1]?.instructions.filter((instruction) => instruction.keyword === 'USER').map((instruction) => instruction.text);
    assert.deepEqual(users, ['65532:65532']);
  });

  it('lets build.args override ARG defaults and build.target pick the final stage', () => {
    const facts = parseDockerfile(MULTI_STAGE, '/p/Dockerfile', { buildArgs: { TAG: 'latest', UID: '1000' }, target: 'runtime' });
    assert.equal(facts.final, 1);
    assert.equal(facts.stages[1]?.resolvedBase, 'gcr.io/distroless/python3-debian12:latest');
    assert.equal(facts.stages[1]?.instructions.find((instruction) => instruction.keyword === 'USER')?.text, '1000:1000');
  });

  it('leaves a base unresolved when an ARG has no value', () => {
    const facts = parseDockerfile('ARG BASE\nFROM ${BASE}\n', '/p/Dockerfile');
    assert.equal(facts.stages[0]?.resolvedBase, undefined);
  });

  it('lists literal secrets of ENV and ARG, never ones built from variables', () => {
    const facts = parseDockerfile(`${MULTI_STAGE}ARG DB_PASSWORD=\${FROM_OUTSIDE}\nARG SECRET_KEY_FILE=/run/secrets/key\n`, '/p/Dockerfile');
    assert.deepEqual(
      facts.literalSecrets.map((secret) => [secret.keyword, secret.name, secret.line, secret.column]),
      [['ENV', 'API_TOKEN', 11, 26]],
    );
  });

  it('reads the exec form of a command, and only that', () => {
    assert.deepEqual(parseExecForm('["redis-server", "--port", "6379"]'), ['redis-server', '--port', '6379']);
    assert.equal(parseExecForm('redis-server --port 6379'), undefined);
    assert.equal(parseExecForm('[not json'), undefined);
  });

  it('has no final stage without FROM', () => {
    assert.equal(parseDockerfile('# empty\n', '/p/Dockerfile').final, -1);
  });
});
