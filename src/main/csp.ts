/**
 * The renderer's Content-Security-Policy, exactly as in the meta tag of src/renderer/index.html
 * (test/security-policy.test.ts keeps the two equal). The page is served from app://portwarden,
 * so 'self' is the app's own bundle and nothing else.
 */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'"

/**
 * The same policy as a response header, plus what only a header can carry: no page may frame
 * ours. Both apply; a page is held to the stricter of the two.
 */
export const CSP_HEADER = `${RENDERER_CSP}; frame-ancestors 'none'`
