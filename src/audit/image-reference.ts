/** Pure: container image references (`registry/path:tag@digest`) and the globs policies match them with. */

/** An image reference split into its parts. */
export interface ImageReference {
  /** `docker.io` when the reference names no registry. */
  registry: string;
  /** The repository path without registry (`library/mongo`, `pickme/lucid-auth-service`). */
  path: string;
  tag: string | undefined;
  digest: string | undefined;
  /** The name as written, without tag and digest (`mongo`, `gcr.io/distroless/static`). */
  name: string;
}

/** Splits an image reference the way Docker does (a first part with `.` or `:` or `localhost` is a registry). */
export function parseImageReference(reference: string): ImageReference {
  const at = reference.indexOf('@');
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  const withoutDigest = at === -1 ? reference : reference.slice(0, at);
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > lastSlash;
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  const firstSlash = name.indexOf('/');
  const first = firstSlash === -1 ? '' : name.slice(0, firstSlash);
  const hasRegistry = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let path = hasRegistry ? name.slice(firstSlash + 1) : name;
  if (registry === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { registry, path, tag, digest, name };
}

/** True for an official Docker Hub image (`mongo:7`, `library/redis`, `docker.io/library/nginx`). */
export function isOfficialDockerHubImage(image: ImageReference): boolean {
  return (image.registry === 'docker.io' || image.registry === 'index.docker.io') && image.path.startsWith('library/');
}

/** True for an image pinned by digest (`@sha256:…`). */
export function isPinnedByDigest(image: ImageReference): boolean {
  return image.digest !== undefined && /^sha256:[0-9a-f]{64}$/.test(image.digest);
}

/**
 * True when the image's name matches a glob: `*` matches any run of characters (slashes too),
 * `?` one character. A pattern with a `:` also matches the tag (`gcr.io/distroless/*:nonroot`).
 */
export function matchesImageGlob(image: ImageReference, glob: string): boolean {
  const subject = glob.includes(':') || glob.includes('@') ? `${image.name}${image.tag === undefined ? '' : `:${image.tag}`}` : image.name;
  const names = [subject];
  // `mongo` is also `docker.io/library/mongo`: a pattern may use either form.
  if (image.registry === 'docker.io') names.push(`docker.io/${image.path}${subject.slice(image.name.length)}`);
  const pattern = globToRegExp(glob);
  return names.some((name) => pattern.test(name));
}

/** A glob (`*` any run, `?` one character) as an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

/** The image without its tag and digest, for messages. */
export function formatImage(image: ImageReference): string {
  return `${image.name}${image.tag === undefined ? '' : `:${image.tag}`}${image.digest === undefined ? '' : `@${image.digest}`}`;
}
