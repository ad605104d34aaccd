import { DataTable } from '../../components/DataTable';
import type { ImportProblem } from '../../../../shared/import-mapping';
import { formatCount, plural } from '../../lib/format';
import { problemColumns } from './problem-columns';

interface Props {
  problems: ImportProblem[];
  problemCount: number;
}

/** An all-or-nothing import refused: every problem counted, the first 1,000 listed by row. */
export function ImportErrors({ problems, problemCount }: Props) {
  const sheet = problems[0]?.sheet;
  return (
    <section className="card import-errors" data-testid="import-errors" aria-label="Import problems">
      <header className="card-header error-header">
        <h2>
          Nothing was imported: {plural(problemCount, 'problem')}
          {sheet !== undefined && <> in sheet “{sheet}”</>}
        </h2>
        <span className="muted">
          {problems.length < problemCount ? `First ${formatCount(problems.length)} listed. ` : ''}Fix them in the file (or change the mapping), then import
          again.
        </span>
      </header>
      <div className="problem-table">
        <DataTable data={problems} columns={problemColumns} label="Import problems" filterPlaceholder="Filter problems…" />
      </div>
    </section>
  );
}
