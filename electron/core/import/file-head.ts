import { closeSync, openSync, readSync } from 'node:fs';

/** The first `bytes` bytes of a file (fewer when it is shorter): enough to tell what the file is. */
export function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
/** OLE compound file: Excel 97–2003 .xls, and also what Excel wraps a password-protected .xlsx in. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The container a workbook comes in, from a file's first bytes; null for anything else. */
export function workbookContainer(head: Buffer): 'zip' | 'ole' | null {
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'zip';
  if (head.subarray(0, 8).equals(CFB_MAGIC)) return 'ole';
  return null;
}
