import { describe, expect, it } from 'vitest'
import { notificationText } from './notification-text'

describe('notification text', () => {
  it('escapes markup in the body on Linux, where the daemon reads it as markup', () => {
    const body = 'In use by <a href="https://evil.example">click</a> & <img src=x> (pid 7)'
    expect(notificationText('t', body, 'linux').body).toBe(
      'In use by &lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt; &amp; &lt;img src=x&gt; (pid 7)',
    )
    expect(notificationText('t', body, 'win32').body).toBe(body)
  })

  it('drops control and bidi-override characters, and bounds the length', () => {
    const { title, body } = notificationText('db\u202Egpj.exe\n', 'a\u0007b'.repeat(400), 'linux')
    expect(title).toBe('db gpj.exe ')
    expect(body).not.toMatch(/[\p{Cc}\p{Cf}]/u)
    expect(body.length).toBeLessThanOrEqual(500)
  })
})
