/**
 * Where the window's page comes from, and so which page IPC trusts. Electron-free, so tests can
 * check it without a shell.
 *
 * A packaged app always serves its own bundle from `app://portwarden/` (see app-protocol.ts): a
 * standard, secure scheme, so the page has an origin of its own and CSP 'self' means exactly the
 * app's files — not every file:// URL on the disk. In development (never when packaged) the dev
 * server named by ELECTRON_RENDERER_URL is used, but only a plain-http loopback one: an
 * environment variable must not be able to hand `window.api` to a page elsewhere.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'portwarden'
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The dev server's URL when it may be used: not packaged, http, loopback, no credentials. */
export function devServerUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): string | undefined {
  const raw = env['ELECTRON_RENDERER_URL']
  if (isPackaged || !raw) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined
  if (url.username || url.password) return undefined
  return url.href
}

/** The URL the window loads: the loopback dev server in development, else the app's own page. */
export function rendererUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): string {
  return devServerUrl(env, isPackaged) ?? APP_PAGE_URL
}

/**
 * A URL reduced to what identifies a document: scheme, host (with port) and path. Query and
 * fragment do not change which page it is. Node's URL gives custom schemes an opaque origin
 * ('null'), so the parts are compared, not `origin`.
 */
export function documentKey(url: string): string | undefined {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}${u.pathname === '' ? '/' : u.pathname}`
  } catch {
    return undefined
  }
}
