/**
 * What services need from the desktop shell but cannot do without Electron: native file
 * dialogs and printing HTML to PDF. The shell passes its implementation in; the e2e bridge
 * passes one backed by Chromium; the CLI passes none.
 */
export interface ShellPorts {
  /** The path the user chose to save to, or undefined when they cancelled. */
  chooseSavePath(defaultName: string): Promise<string | undefined>
  /** A report file the user chose to open, or undefined when they cancelled. */
  chooseOpenPath(): Promise<string | undefined>
  /** The HTML printed to a PDF document. */
  htmlToPdf(html: string): Promise<Uint8Array>
  /** A desktop notification (a watched port's verdict changed). */
  notify(title: string, body: string): void
}
