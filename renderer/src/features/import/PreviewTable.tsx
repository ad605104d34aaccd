import type { ImportPreview } from '../../../../shared/api';
import type { ImportProblem } from '../../../../shared/import-mapping';
import { fieldLabel, fieldsByHeader } from './mapping-draft';

interface Props {
  preview: ImportPreview;
  mapping: { columns: Record<string, string> } | null;
}

/** The file's first rows as written, with the field each column feeds shown above its header. */
export function PreviewTable({ preview, mapping }: Props) {
  const fields = fieldsByHeader(mapping);
  const width = Math.max(preview.headers.length, ...preview.rows.map((row) => row.length));
  const columns = Array.from({ length: width }, (_, index) => preview.headers[index] ?? '');
  // A problem with no column (a malformed line) marks the line number instead of a cell.
  const problems = new Map<string, ImportProblem>(preview.problems.map((problem) => [`${problem.row}|${problem.column}`, problem]));

  return (
    <div className="preview-scroll" tabIndex={0} role="region" aria-label="First rows of the file">
      <table className="preview-table">
        <thead>
          <tr className="mapped-row">
            <th aria-label="Line" />
            {columns.map((header, index) => {
              const field = fields.get(header);
              return (
                <th key={index} className={field ? 'mapped' : 'unmapped'}>
                  {field ? `→ ${fieldLabel(field)}` : 'not imported'}
                </th>
              );
            })}
          </tr>
          <tr>
            <th className="line">{preview.headerRow}</th>
            {columns.map((header, index) => (
              <th key={index}>{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, rowIndex) => {
            const line = preview.headerRow + 1 + rowIndex;
            return (
              <tr key={line}>
                <LineCell line={line} problem={problems.get(`${line}|`)} />
                {columns.map((header, index) => {
                  const problem = header ? problems.get(`${line}|${header}`) : undefined;
                  return (
                    <td key={index} className={problem ? 'has-problem' : fields.has(header) ? undefined : 'unmapped'} title={problem?.reason}>
                      {row[index] ?? ''}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function LineCell({ line, problem }: { line: number; problem: ImportProblem | undefined }) {
  return (
    <td className={problem ? 'line has-problem' : 'line'} title={problem?.reason}>
      {line}
    </td>
  );
}
