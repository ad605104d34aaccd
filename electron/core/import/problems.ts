import { PROBLEM_LIST_LIMIT, type ImportProblem } from '../../../shared/import-mapping';

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
}
