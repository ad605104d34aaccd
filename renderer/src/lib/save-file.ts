import type { ExportedFile } from '../../../shared/analytics';

/** Saves bytes through the browser's download (the app's save dialog in Electron): no file system access needed. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has taken its copy once click() returns; a later revoke only frees memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveExportedFile(file: ExportedFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  saveBlob(new Blob([bytes], { type: file.mimeType }), file.fileName);
}
