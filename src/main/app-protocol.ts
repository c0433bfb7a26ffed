import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { CSP_HEADER } from './csp'
import { APP_HOST } from './renderer-location'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })

/**
 * Answers one `app://portwarden/…` request from the built renderer folder `root`: only GET and
 * HEAD, only that host, only regular files inside `root` (no `..`, no encoded separators, no NUL),
 * each with its content type, `nosniff`, and on documents the CSP header with frame-ancestors.
 * Electron-free: index.ts hands it to `protocol.handle`.
 */
export async function appFileResponse(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed')
  let path: string
  try {
    const url = new URL(request.url)
    if (url.host !== APP_HOST) return plain(404, 'Not found')
    path = decodeURIComponent(url.pathname)
  } catch {
    return plain(400, 'Bad request')
  }
  if (path.includes('\0') || path.includes('\\')) return plain(400, 'Bad request')
  const base = resolve(root)
  const file = resolve(base, `.${path === '/' ? '/index.html' : path}`)
  if (!file.startsWith(base + sep)) return plain(404, 'Not found')
  try {
    if (!(await stat(file)).isFile()) return plain(404, 'Not found')
    const body = request.method === 'HEAD' ? null : await readFile(file)
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    const headers: Record<string, string> = {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    }
    if (type.startsWith('text/html')) headers['content-security-policy'] = CSP_HEADER
    return new Response(body, { status: 200, headers })
  } catch {
    return plain(404, 'Not found')
  }
}
