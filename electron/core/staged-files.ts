import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { StagedFile } from '../../shared/api';
import { AppError } from '../../shared/errors';

/**
 * Files a host has handed to the core (picked in a dialog, uploaded, named on the command line).
 * The renderer only ever holds an opaque id, so no procedure can be made to read an arbitrary path.
 */
export class StagedFiles {
  private readonly files = new Map<string, StagedFile & { path: string }>();

  stage(path: string, name = basename(path)): StagedFile {
    const size = statSync(path).size;
    const fileId = randomBytes(16).toString('hex');
    this.files.set(fileId, { fileId, name, size, path });
    return { fileId, name, size };
  }

  get(fileId: string): StagedFile & { path: string } {
    const file = this.files.get(fileId);
    if (!file) throw new AppError('NOT_FOUND', 'That file is no longer available; pick it again.');
    return file;
  }
}
