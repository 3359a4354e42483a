/** Image references (`registry/path:tag@digest`) as the Docker reference grammar reads them. */

export interface ImageRef {
  /** The repository path without registry host or `library/`, lower-cased: `eclipse-temurin`, `bitnami/kafka`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** `registry:5000/team/app:1.2@sha256:…` → name `registry:5000/team/app` (as written), tag, digest. */
export function splitReference(image: string): { name: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  // The tag follows the last `:` after the last `/` (a `:` before it is a registry port).
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The first segment is a registry host when it has a `.` or `:` or is `localhost`. */
export function parseImageRef(image: string): ImageRef | undefined {
  const { name, tag, digest } = splitReference(image.trim());
  const segments = name.toLowerCase().split('/');
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
