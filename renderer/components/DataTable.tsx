import type { ReactNode, TableHTMLAttributes } from 'react';

/** A column heading: its text, or the text with how it sits (numbers right-aligned, a label for screen readers only). */
type TableColumn =
  | string
  | {
      label: ReactNode;
      /** Right-aligned, as the column's figures are. */
      numeric?: boolean;
      /** Read out but not shown: a column of buttons whose row already says what they do. */
      hiddenLabel?: boolean;
      title?: string;
      key?: string;
    };

/** The heading row of a table: one `th scope="col"` per column. */
function TableHead({ columns }: { columns: readonly TableColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => {
          if (typeof column === 'string') return <th key={`${index}-${column}`} scope="col">{column}</th>;
          const key = column.key ?? (typeof column.label === 'string' ? `${index}-${column.label}` : String(index));
          return (
            <th key={key} scope="col" className={column.numeric ? 'num' : undefined} title={column.title}>
              {column.hiddenLabel ? <span className="visually-hidden">{column.label}</span> : column.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

interface DataTableProps extends Omit<TableHTMLAttributes<HTMLTableElement>, 'className' | 'children'> {
  columns: readonly TableColumn[];
  /** What the table holds, for screen readers (shown only with `captionShown`). */
  caption?: ReactNode;
  captionShown?: boolean;
  /** Classes after `table compact`: the table's own layout rules. */
  className?: string;
  /** Wrapped in a horizontally scrolling box (`true`, or that box's extra classes). */
  scroll?: boolean | string;
  'data-testid'?: string;
  /** The body rows. */
  children: ReactNode;
  /** Rows after the body: totals. */
  foot?: ReactNode;
}

/** The app's compact data table: a caption, one heading row, the rows given, and optionally a scrolling box around it. */
export function DataTable({ columns, caption, captionShown, className, scroll, children, foot, ...rest }: DataTableProps) {
  const table = (
    <table className={className ? `table compact ${className}` : 'table compact'} {...rest}>
      {caption === undefined ? null : <caption className={captionShown ? undefined : 'visually-hidden'}>{caption}</caption>}
      <TableHead columns={columns} />
      <tbody>{children}</tbody>
      {foot === undefined ? null : <tfoot>{foot}</tfoot>}
    </table>
  );
  if (!scroll) return table;
  return <div className={typeof scroll === 'string' ? `table-scroll ${scroll}` : 'table-scroll'}>{table}</div>;
}
