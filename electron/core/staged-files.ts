import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { StagedFile } from '../../shared/shell-api';
import { AppError } from '../../shared/errors';

export interface StageOptions {
  /**
   * The host's own copy of bytes it was handed (an upload, a dropped file), deleted once an import
   * has used it. A file the user named (a dialog, the command line, the watched folder) is never deleted.
   */
  temporary?: boolean;
}

/**
 * Files a host has handed to the core (picked in a dialog, uploaded, named on the command line).
 * The renderer only ever holds an opaque id, so no procedure can be made to read an arbitrary path.
 */
export class StagedFiles {
  private readonly files = new Map<string, StagedFile & { path: string; temporary: boolean }>();

  stage(path: string, name = basename(path), options: StageOptions = {}): StagedFile {
    const size = statSync(path).size;
    const fileId = randomBytes(16).toString('hex');
    this.files.set(fileId, { fileId, name, size, path, temporary: options.temporary ?? false });
    return { fileId, name, size };
  }

  /** The file, if it is still there (the host sweeps unused uploads after an hour). */
  get(fileId: string): StagedFile & { path: string } {
    const file = this.files.get(fileId);
    if (!file || !existsSync(file.path)) throw new AppError('NOT_FOUND', 'That file is no longer available; pick it again.');
    return file;
  }

  /** An import has used the file: forget it, and delete it if it was only the host's copy. */
  release(fileId: string): void {
    const file = this.files.get(fileId);
    this.files.delete(fileId);
    if (file?.temporary) rmSync(file.path, { force: true });
  }
}
