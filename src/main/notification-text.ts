/**
 * Desktop notifications show text that others choose: a watched port's label, a process name, a
 * verdict's message. On Linux the notification daemon reads the body as markup (freedesktop's
 * body-markup: <b>, <i>, <a href>, <img src>), so a name like `<a href="…">` would become a link:
 * the body is escaped there. Control and bidi-formatting characters are dropped everywhere (they
 * can reorder or hide what a notification says). The title is plain text on every platform.
 */
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/gu

export function notificationText(
  title: string,
  body: string,
  platform: NodeJS.Platform = process.platform,
): { title: string; body: string } {
  const clean = (s: string) => s.replace(CONTROL_OR_FORMAT, ' ').slice(0, 500)
  const cleanBody = clean(body)
  return {
    title: clean(title),
    body: platform === 'linux' ? escapeMarkup(cleanBody) : cleanBody,
  }
}

function escapeMarkup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
