import type { Page } from '@playwright/test'

/** Click→row and, of that, push→row (the renderer's own share), per reservation, in ms. */
export interface RowTimings {
  clickToRow: number[]
  pushToRow: number[]
  /** Of push→row, the part until the row is in the DOM (the rest waits for the frame). */
  pushToDom: number[]
  /** Per push: whether its row was in the first frame drawn after the push arrived. */
  firstFrame: boolean[]
}

/**
 * Starts timing, inside the page, from each click on the Reserve button to the frame after
 * its new runtime row entered the DOM (the row is painted in that frame), and from the
 * runtime:changed push that brought the row to that same frame. Read the samples with
 * `reserveLatencies`. In-page clocks: only Playwright's delivery of the click is not counted.
 */
export async function timeClickToRow(app: Page): Promise<void> {
  await app.evaluate(() => {
    const w = window as unknown as {
      __timings: {
        clickToRow: number[]
        pushToRow: number[]
        pushToDom: number[]
        firstFrame: boolean[]
      }
      __portwardenPush(channel: string, payload: unknown): void
    }
    w.__timings = { clickToRow: [], pushToRow: [], pushToDom: [], firstFrame: [] }
    let clickedAt: number | undefined
    let pushedAt: number | undefined
    // The first frame after each push: a callback asked for as the push arrives runs in it,
    // and its timestamp (the frame's) is compared with that of the frame the row is in.
    let firstFrameAfterPush: Promise<number> | undefined
    const deliver = w.__portwardenPush
    w.__portwardenPush = (channel, payload) => {
      if (channel.endsWith('runtime:changed')) {
        pushedAt = performance.now()
        firstFrameAfterPush = new Promise((done) => requestAnimationFrame(done))
      }
      deliver(channel, payload)
    }
    document.addEventListener(
      'click',
      (e) => {
        const button = (e.target as Element).closest('.reserve-form button[type="submit"]')
        if (button) clickedAt = performance.now()
      },
      true,
    )
    const body = document.querySelector('table[aria-label="Runtime reservations"] tbody')!
    new MutationObserver((records) => {
      const added = records.some((r) =>
        [...r.addedNodes].some((n) => n instanceof HTMLElement && n.matches('tr[data-token]')),
      )
      if (!added || clickedAt === undefined) return
      const [click, push, first] = [clickedAt, pushedAt ?? clickedAt, firstFrameAfterPush]
      clickedAt = undefined
      w.__timings.pushToDom.push(performance.now() - push)
      requestAnimationFrame((frame) => {
        w.__timings.clickToRow.push(performance.now() - click)
        w.__timings.pushToRow.push(performance.now() - push)
        void first?.then((t) => w.__timings.firstFrame.push(t === frame))
      })
    }).observe(body, { childList: true })
  })
}

export const reserveLatencies = (app: Page): Promise<RowTimings> =>
  app.evaluate(() => (window as unknown as { __timings: RowTimings }).__timings)

/** The q-quantile (0–1) of `values`, nearest-rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}

/**
 * Scrolls `selector` from top to bottom over `ms` in the page, one step per animation frame,
 * and counts the frames: frames per second is what a user scrolling would see.
 */
export function scriptedScroll(
  app: Page,
  selector: string,
  ms: number,
): Promise<{ frames: number; elapsed: number; worstFrame: number; atBottom: boolean }> {
  return app.evaluate(
    ([sel, duration]) =>
      new Promise((resolve) => {
        const el = document.querySelector<HTMLElement>(sel)!
        const range = el.scrollHeight - el.clientHeight
        let frames = 0
        let worstFrame = 0
        let last: number | undefined
        let start: number | undefined
        const step = (now: number) => {
          start ??= now
          if (last !== undefined) worstFrame = Math.max(worstFrame, now - last)
          last = now
          frames++
          const t = Math.min(1, (now - start) / duration)
          el.scrollTop = t * range
          if (t < 1) requestAnimationFrame(step)
          else
            requestAnimationFrame(() =>
              resolve({
                frames,
                elapsed: now - start!,
                worstFrame,
                atBottom: Math.abs(el.scrollTop - range) < 2,
              }),
            )
        }
        requestAnimationFrame(step)
      }),
    [selector, ms] as const,
  )
}
