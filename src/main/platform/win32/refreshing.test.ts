import { describe, expect, it } from 'vitest'
import { refreshing } from './refreshing'

describe('refreshing (ranges read once, then kept fresh in the background)', () => {
  it('reads synchronously once, then answers at once and refreshes asynchronously after the TTL', async () => {
    let t = 0
    let sync = 0
    let async = 0
    const r = refreshing(
      () => `sync${++sync}`,
      async () => `async${++async}`,
      100,
      () => t,
    )
    expect(r()).toBe('sync1')
    t = 50
    expect(r()).toBe('sync1')
    t = 150
    expect(r()).toBe('sync1') // stale answer at once, refresh started
    await Promise.resolve()
    await Promise.resolve()
    expect(r()).toBe('async1')
    expect([sync, async]).toEqual([1, 1])
  })

  it('after a failed background read, the next call reports the failure', async () => {
    let t = 0
    let fail = false
    const r = refreshing(
      () => {
        if (fail) throw new Error('netsh failed')
        return 'ok'
      },
      () => Promise.reject(new Error('netsh failed')),
      10,
      () => t,
    )
    expect(r()).toBe('ok')
    t = 20
    r()
    await new Promise((resolve) => setTimeout(resolve, 0))
    fail = true
    expect(() => r()).toThrow('netsh failed')
  })

  it('a failing read blocks once: the failure is thrown at once after, and retried only in the background after the TTL', async () => {
    let t = 0
    let sync = 0
    let async = 0
    let asyncFails = true
    const r = refreshing(
      () => {
        sync++
        throw new Error('netsh printed nothing')
      },
      async () => {
        async++
        if (asyncFails) throw new Error('netsh failed again')
        return 'ranges'
      },
      100,
      () => t,
    )
    expect(() => r()).toThrow('netsh printed nothing')
    t = 50
    expect(() => r()).toThrow('netsh printed nothing')
    expect([sync, async]).toEqual([1, 0]) // no second blocking read within the TTL
    t = 150
    expect(() => r()).toThrow('netsh printed nothing') // the retry starts in the background
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(() => r()).toThrow('netsh failed again')
    expect([sync, async]).toEqual([1, 1])
    t = 300
    asyncFails = false
    expect(() => r()).toThrow('netsh failed again')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(r()).toBe('ranges')
    expect([sync, async]).toEqual([1, 2]) // never a blocking read after the first
  })

  it('invalidate() after a failure reads synchronously again (a change Portwarden made)', () => {
    let sync = 0
    const r = refreshing(
      () => {
        if (++sync === 1) throw new Error('netsh failed')
        return `sync${sync}`
      },
      () => Promise.reject(new Error('not called')),
      100,
      () => 0,
    )
    expect(() => r()).toThrow('netsh failed')
    r.invalidate()
    expect(r()).toBe('sync2')
  })

  it('invalidate() forgets the value and any background read in flight', async () => {
    let n = 0
    let release: (v: string) => void = () => {}
    let t = 0
    const r = refreshing(
      () => `sync${++n}`,
      () => new Promise<string>((resolve) => (release = resolve)),
      10,
      () => t,
    )
    r()
    t = 20
    r() // starts a background read
    r.invalidate()
    expect(r()).toBe('sync2')
    release('late') // the old read lands after the invalidation: ignored
    await Promise.resolve()
    await Promise.resolve()
    expect(r()).toBe('sync2')
  })
})
