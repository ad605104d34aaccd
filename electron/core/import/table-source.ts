import type { RowSink } from './read-csv';

/** A table whose rows can be read (and read again) from the first, each into the sink `open` returns. */
export interface TableSource {
  delimiter: string;
  /** The worksheet read, for a workbook. */
  sheet?: string;
  read(open: () => RowSink): Promise<void>;
}
