/** The request path without its query, in lower case (IIS paths are case-insensitive), one trailing slash dropped
 * unless told otherwise (express matched string routes so, regular expressions not). */
export function routePath(url: string | undefined, dropTrailingSlash = true): string {
  let raw = url ?? '/';
  // An absolute-form target (RFC 9112 §3.2.2) names the path after its authority.
  if (!raw.startsWith('/')) raw = raw.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/';
  const q = raw.indexOf('?');
  const path = (q === -1 ? raw : raw.slice(0, q)).toLowerCase();
  return dropTrailingSlash && path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
