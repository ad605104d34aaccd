import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { localToday } from '../../shared/dates';
import { AppError } from '../../shared/errors';
import { classifyRaw, MAX_MESSAGE_BYTES, type ClassifiedFile } from '../core';

/**
 * `inbox classify FILE.eml…`: reads each file as one raw message and prints what the inbox would make
 * of it, without a database (for support, and for checking the classifier on a folder of mail).
 */
export function classifyCommand(files: string[], json: boolean): string {
  if (files.length === 0) throw new AppError('INVALID_INPUT', 'inbox classify needs one or more .eml files.');
  const today = localToday();
  const results = files.map((file): ClassifiedFile => {
    const path = resolve(file);
    let size: number;
    try {
      size = statSync(path).size;
    } catch (error) {
      throw new AppError('INVALID_INPUT', `${file} cannot be read: ${(error as Error).message}`);
    }
    // A file too large is refused before it is read into memory.
    return size > MAX_MESSAGE_BYTES ? classifyRaw(file, Buffer.alloc(MAX_MESSAGE_BYTES + 1), today) : classifyRaw(file, readFileSync(path), today);
  });
  if (json) return JSON.stringify(results);
  return results.map((r) => `${r.file}: ${r.refused ? `refused (${r.refused})` : describe(r)}`).join('\n');
}

function describe(r: ClassifiedFile): string {
  if (r.kind === 'bounce' && r.bounce) return `bounce, ${r.bounce.permanent ? 'permanent' : 'temporary'} ${r.bounce.status ?? '(no status)'} for ${r.bounce.recipient ?? '(recipient not named)'}`;
  if (r.kind === 'auto_reply') return `automatic answer${r.returnDate ? `, back ${r.returnDate}` : ''}`;
  return r.kind;
}
