import { AppError } from '../../../shared/errors';
import { FILE_LEVEL_ROW, PROBLEM_LIST_LIMIT, type ImportProblem } from '../../../shared/import-mapping';

/** Collects every problem of a file: keeps the first 1,000 to list and counts them all. */
export class Problems {
  readonly list: ImportProblem[] = [];
  count = 0;

  add(row: number, column: string, value: string, reason: string): void {
    this.count++;
    if (this.list.length < PROBLEM_LIST_LIMIT) this.list.push({ row, column, value, reason });
  }

  addAll(problems: readonly ImportProblem[]): void {
    for (const p of problems) this.add(p.row, p.column, p.value, p.reason);
  }

  /** Another collector's problems after these, as if they had been added here (the uncounted beyond its list too). */
  append(other: Problems): void {
    this.addAll(other.list);
    this.count += other.count - other.list.length;
  }
}

/** Refuses the whole import with its problems; nothing has been written when this is thrown. */
export function rejectImport(problems: ImportProblem[], count = problems.length): never {
  throw new AppError('IMPORT_REJECTED', `Nothing was imported: ${count} problem${count === 1 ? '' : 's'} in the file.`, {
    problems,
    problemCount: count,
  });
}

/** A file that cannot be read as a table at all (not a workbook, encrypted, UTF-16, binary): one problem, row 0. */
export function rejectFile(reason: string): never {
  // The reason is the message too: a file refused before its preview has no problem list on screen.
  throw new AppError('IMPORT_REJECTED', `Nothing was imported: ${reason}.`, {
    problems: [{ row: FILE_LEVEL_ROW, column: '', value: '', reason }],
    problemCount: 1,
  });
}
