/** What an IPC event says about the frame that sent it (Electron's WebFrameMain, reduced to the facts used). */
export interface SenderFrame {
  url: string;
  /** null for a top-level frame; the message preview's iframe has a parent and is never trusted. */
  parent: unknown;
}

/**
 * Whether an IPC message comes from the app's own top-level page. Checked before any input is read:
 * a subframe, a page navigated elsewhere, or a destroyed frame (null) gets nothing.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, isAppUrl: (url: string) => boolean): boolean {
  if (!frame || typeof frame.url !== 'string') return false;
  return frame.parent === null && isAppUrl(frame.url);
}
