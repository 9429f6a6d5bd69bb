import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOfficialDockerHubImage, isPinnedByDigest, matchesImageGlob, parseImageReference } from '../../src/audit/image-reference.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('image references', () => {
  it('splits registry, path, tag and digest as Docker does', () => {
    assert.deepEqual(parseImageReference('mongo:7'), { registry: 'docker.io', path: 'library/mongo', tag: '7', digest: undefined, name: 'mongo' });
    assert.deepEqual(parseImageReference('pickme/lucid-auth-service:latest-arm64'), {
      registry: 'docker.io',
      path: 'pickme/lucid-auth-service',
      tag: 'latest-arm64',
      digest: undefined,
      name: 'pickme/lucid-auth-service',
    });
    assert.deepEqual(parseImageReference(`localhost:5000/app@${DIGEST}`), {
      registry: 'localhost:5000',
      path: 'app',
      tag: undefined,
      digest: DIGEST,
      name: 'localhost:5000/app',
    });
  });

  it('knows official Docker Hub images and digests', () => {
    assert.equal(isOfficialDockerHubImage(parseImageReference('redis:7.2')), true);
    assert.equal(isOfficialDockerHubImage(parseImageReference('docker.io/library/redis')), true);
    assert.equal(isOfficialDockerHubImage(parseImageReference('pickme/redis')), false);
    assert.equal(isOfficialDockerHubImage(parseImageReference('gcr.io/distroless/static')), false);
    assert.equal(isPinnedByDigest(parseImageReference(`redis:7.2@${DIGEST}`)), true);
    assert.equal(isPinnedByDigest(parseImageReference('redis:7.2')), false);
  });

  it('matches globs against the name, and the tag when the glob has one', () => {
    const distroless = parseImageReference('gcr.io/distroless/python3-debian12:nonroot');
    assert.equal(matchesImageGlob(distroless, 'gcr.io/distroless/*'), true);
    assert.equal(matchesImageGlob(distroless, 'gcr.io/distroless/*:nonroot'), true);
    assert.equal(matchesImageGlob(distroless, 'gcr.io/distroless/*:debug'), false);
    assert.equal(matchesImageGlob(parseImageReference('pickme/lucid-api:1'), 'pickme/*'), true);
    assert.equal(matchesImageGlob(parseImageReference('mongo'), 'docker.io/library/mongo'), true);
    assert.equal(matchesImageGlob(parseImageReference('mongo.evil/x'), 'mongo'), false);
  });
});
