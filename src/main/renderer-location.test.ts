import { describe, expect, it } from 'vitest'
import { APP_PAGE_URL, devServerUrl, documentKey, rendererUrl } from './renderer-location'

describe('where the window loads its page from', () => {
  it('uses ELECTRON_RENDERER_URL only unpackaged and only for a plain-http loopback server', () => {
    const env = (url: string) => ({ ELECTRON_RENDERER_URL: url })
    expect(devServerUrl(env('http://localhost:5173'), false)).toBe('http://localhost:5173/')
    expect(devServerUrl(env('http://127.0.0.1:5173/'), false)).toBe('http://127.0.0.1:5173/')
    expect(devServerUrl(env('http://[::1]:5173/'), false)).toBe('http://[::1]:5173/')
    for (const url of [
      'http://localhost:5173',
      'https://evil.example/',
      'http://evil.example:5173/',
      'http://localhost.evil.example/',
      'https://localhost:5173/',
      'file:///tmp/evil.html',
      'http://user:pw@localhost:5173/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(devServerUrl(env(url), true), `${url} packaged`).toBeUndefined()
      if (url !== 'http://localhost:5173')
        expect(devServerUrl(env(url), false), url).toBeUndefined()
    }
    expect(rendererUrl(env('https://evil.example/'), false)).toBe(APP_PAGE_URL)
    expect(rendererUrl({}, true)).toBe('app://portwarden/index.html')
  })

  it('reduces a URL to scheme, host and path', () => {
    expect(documentKey('app://portwarden/index.html?x=1#/tab')).toBe('app://portwarden/index.html')
    expect(documentKey('http://localhost:5173')).toBe('http://localhost:5173/')
    expect(documentKey('app://portwarden/index.html.evil.html')).not.toBe(
      documentKey('app://portwarden/index.html'),
    )
    expect(documentKey('::')).toBeUndefined()
  })
})
