import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
  type RowSelectionState,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useCommand } from '../app/use-command';
import { formatCount, plural } from '../lib/format';
import { useRowCursor } from './use-row-cursor';
import './data-table.css';

declare module '@tanstack/react-table' {
  // Type parameters must match the library's declaration for the merge to apply.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Amounts and counts: right-aligned, tabular figures. */
    numeric?: boolean;
    /** Takes the width the fixed-size columns leave over. */
    grow?: boolean;
  }
}

const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 32;

interface Props<T> {
  data: T[];
  columns: ColumnDef<T>[];
  /** Accessible name of the table, e.g. "Customers". */
  label: string;
  testId?: string;
  filterPlaceholder?: string;
  initialSort?: SortingState;
  /** Toolbar content after the filter and row count. */
  toolbar?: ReactNode;
  /** Enter on the highlighted row, or a double click, opens it. */
  onActivate?(row: T): void;
  /** Multi-select: a tick column, and `x` ticks the highlighted row. Keyed by `rowId`. */
  selection?: { selected: RowSelectionState; onChange(selected: RowSelectionState): void; rowId(row: T): string };
  /**
   * The screen's own list: j/k, arrows, x and Enter act on it from anywhere on the screen (not only
   * when it has focus), and the first row is highlighted from the start. One per screen.
   */
  screenKeys?: boolean;
  /** Taller rows for cells of two lines (an email client's list); 30 px by default. */
  rowHeight?: number;
  /** Totals rows kept in view under the rows, a cell per column id (missing ids stay empty). */
  footer?: { id: string; cells: Partial<Record<string, ReactNode>> }[];
}

/**
 * Every list in Inflow: sortable headers, a text filter (`/`), a sticky header, j/k row movement, and
 * virtualized rows with fixed column widths so nothing shifts while scrolling.
 */
export function DataTable<T>({
  data,
  columns,
  label,
  testId,
  filterPlaceholder = 'Filter…',
  initialSort = [],
  toolbar,
  onActivate,
  selection,
  footer,
  screenKeys = false,
  rowHeight = ROW_HEIGHT,
}: Props<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSort);
  const [filter, setFilter] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; TanStack's hooks re-render as documented.
  const table = useReactTable({
    data,
    columns: selection ? [tickColumn<T>(), ...columns] : columns,
    state: { sorting, globalFilter: filter, rowSelection: selection?.selected ?? {} },
    enableRowSelection: selection !== undefined,
    onRowSelectionChange: (update) => selection?.onChange(typeof update === 'function' ? update(selection.selected) : update),
    ...(selection ? { getRowId: selection.rowId } : {}),
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: 'includesString',
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: 12,
  });
  const { cursor, setCursor, onKeyDown, moveBy } = useRowCursor(rows.length, (index) => virtualizer.scrollToIndex(index), screenKeys ? 0 : -1);
  useCommand('table.filter', () => filterRef.current?.focus());
  const act = (key: string): boolean => {
    const row = rows[cursor];
    if (key === 'Enter' && onActivate && row) onActivate(row.original);
    else if (key === 'x' && selection && row) row.toggleSelected();
    else return false;
    return true;
  };
  useCommand('table.next', () => moveBy(1), screenKeys);
  useCommand('table.previous', () => moveBy(-1), screenKeys);
  useCommand('table.tick', () => act('x'), screenKeys && selection !== undefined);
  useCommand('table.open', () => act('Enter'), screenKeys && onActivate !== undefined);

  const items = virtualizer.getVirtualItems();
  const padTop = (items[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? HEADER_HEIGHT);
  const leafColumns = table.getVisibleLeafColumns();

  return (
    <div className="data-table" data-testid={testId}>
      <div className="table-toolbar">
        <input
          ref={filterRef}
          className="input filter"
          type="search"
          placeholder={filterPlaceholder}
          aria-label={`Filter ${label}`}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && filter) setFilter('');
            else if (event.key === 'Escape') event.currentTarget.blur();
            if (event.key === 'ArrowDown') scrollRef.current?.focus();
          }}
        />
        <span className="table-count">{filter ? `${formatCount(rows.length)} of ${plural(data.length, 'row')}` : plural(data.length, 'row')}</span>
        {toolbar}
      </div>
      <div
        className="table-scroll"
        ref={scrollRef}
        tabIndex={0}
        role="region"
        aria-label={label}
        // Focus lands on a row, so the first j, x or Enter acts on something visible.
        onFocus={() => cursor < 0 && rows.length > 0 && setCursor(0)}
        onKeyDown={(event) => {
          // Handled here, so the screen-wide keys (which skip a handled event) do not act twice.
          if (act(event.key)) event.preventDefault();
          else onKeyDown(event);
        }}
      >
        <table aria-rowcount={rows.length + 1} style={rowHeight === ROW_HEIGHT ? undefined : ({ '--row-height': `${rowHeight}px` } as CSSProperties)}>
          <colgroup>
            {leafColumns.map((column) => (
              <col key={column.id} style={column.columnDef.meta?.grow ? undefined : { width: column.getSize() }} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      className={header.column.columnDef.meta?.numeric ? 'numeric' : undefined}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span className="sort-mark" aria-hidden="true">
                            {sorted === 'asc' ? '↑' : sorted === 'desc' ? '↓' : ''}
                          </span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && <Spacer height={padTop} columns={leafColumns.length} />}
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <tr
                  key={row.id}
                  aria-rowindex={item.index + 2}
                  aria-current={item.index === cursor ? 'true' : undefined}
                  aria-selected={selection ? row.getIsSelected() : undefined}
                  className={[item.index === cursor ? 'active' : '', row.getIsSelected() ? 'selected' : ''].join(' ').trim() || undefined}
                  onMouseDown={() => setCursor(item.index)}
                  onDoubleClick={() => onActivate?.(row.original)}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? 'numeric' : undefined}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && <Spacer height={padBottom} columns={leafColumns.length} />}
          </tbody>
          {footer && footer.length > 0 && (
            <tfoot>
              {footer.map((row, index) => (
                <tr key={row.id} data-testid="table-total">
                  {leafColumns.map((column) => (
                    // Each totals row sticks at its own height above the bottom edge.
                    <td
                      key={column.id}
                      className={column.columnDef.meta?.numeric ? 'numeric' : undefined}
                      style={{ bottom: (footer.length - 1 - index) * ROW_HEIGHT }}
                    >
                      {row.cells[column.id]}
                    </td>
                  ))}
                </tr>
              ))}
            </tfoot>
          )}
        </table>
        {rows.length === 0 && <p className="table-empty">{filter ? `Nothing matches “${filter}”.` : 'Nothing to show.'}</p>}
      </div>
    </div>
  );
}

/** The tick column of a multi-select table; the header ticks every row the filter shows. */
function tickColumn<T>(): ColumnDef<T> {
  return {
    id: 'tick',
    size: 34,
    enableSorting: false,
    header: ({ table }) => (
      <input type="checkbox" aria-label="Tick all" checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} tabIndex={-1} />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label="Tick"
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
        tabIndex={-1}
        onMouseDown={(event) => event.stopPropagation()}
      />
    ),
  };
}

/** Stands in for the rows scrolled out of view so the scrollbar matches the whole list. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr className="spacer" aria-hidden="true">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}
