import { ErrorNote } from '../../components/ErrorNote'
import { dismissMessage, useActionsStore } from './actions-store'

/**
 * The one place outcomes of actions are said: a one-line strip over the bottom of the page (so
 * the page never jumps), with a Dismiss button. The live region stays in the page while empty,
 * so screen readers announce the next message.
 */
export function MessageArea() {
  const message = useActionsStore((s) => s.message)
  return (
    <div
      className={message ? 'message-area' : 'message-area is-empty'}
      role="region"
      aria-label="Messages"
    >
      <div aria-live="polite" className="message-text">
        {message?.tone === 'ok' && <span className="ok-note">{message.text}</span>}
        {message?.tone === 'error' && (
          <ErrorNote
            id="message-error"
            error={{ ...message.error, message: `${message.text} ${message.error.message}` }}
          />
        )}
      </div>
      {message?.tone === 'ok' && message.undo && (
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            const undo = message.undo!
            dismissMessage()
            void undo()
          }}
        >
          Undo
        </button>
      )}
      {message && (
        <button type="button" className="secondary small" onClick={dismissMessage}>
          Dismiss
        </button>
      )}
    </div>
  )
}
