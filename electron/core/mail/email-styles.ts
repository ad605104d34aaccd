/**
 * Every inline style an Inflow email carries, in one place. Mail clients drop style sheets, so the
 * styles must be inline; the window's CSP (which a preview frame inherits) then allows exactly these
 * declarations by hash ('unsafe-hashes' in style-src-attr), and no other inline style. A test keeps
 * the hashes in renderer/index.html and electron/hosts/http.ts in step with this list.
 */
export const EMAIL_STYLES = {
  cell: 'padding:6px 8px;border-bottom:1px solid #e3e3e8;text-align:left',
  number: 'padding:6px 8px;border-bottom:1px solid #e3e3e8;text-align:right;white-space:nowrap',
  invoiceTable: 'border-collapse:collapse;width:100%;font-size:14px;margin:8px 0 12px',
  installmentTable: 'border-collapse:collapse;font-size:14px;margin:8px 0 12px',
  videoCard: 'display:block;max-width:100%;border:0;border-radius:8px',
  /** Column alignment markdown-it writes for a Markdown table in a template body. */
  alignLeft: 'text-align:left',
  alignRight: 'text-align:right',
  alignCenter: 'text-align:center',
  /** The preview's page: what a mail client's reading pane supplies around the message. */
  previewPage: "margin:0;padding:4px 20px 16px;background:#fff;color:#1f1f24;font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif",
} as const;
