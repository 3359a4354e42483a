/** Image references (`registry/path:tag@digest`) as the Docker reference grammar reads them. */

export interface ImageRef {
  /** The repository path without registry host or `library/`, lower-cased: `eclipse-temurin`, `bitnami/kafka`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/**
 * The first segment is a registry host when it has a `.` or `:` or is `localhost`; the tag
 * follows the last `:` after the last `/`; the digest follows `@`.
 */
export function parseImageRef(image: string): ImageRef | undefined {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const segments = rest.toLowerCase().split('/');
  const first = segments[0] ?? '';
  if (segments.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) segments.shift();
  if (segments.length > 1 && segments[0] === 'library') segments.shift();
  const repository = segments.join('/');
  if (repository === '' || segments.some((s) => s === '')) return undefined;
  return { repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

export function imageRepository(image: string): string | undefined {
  return parseImageRef(image)?.repository;
}
