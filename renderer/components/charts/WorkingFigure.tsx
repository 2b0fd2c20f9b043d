import { useId, useState, type ReactNode } from 'react';

/**
 * A figure with its working: the arithmetic shows in a tooltip on hover and on keyboard focus
 * (tab through the table), Escape hides it again, and screen readers hear it as the figure's
 * description. The tooltip is a sibling of the figure, so the cell's text is the figure alone.
 */
export function WorkingFigure({ children, working, testId, className }: { children: ReactNode; working: string | null; testId?: string; className?: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!working) return <span className={className} data-testid={testId}>{children}</span>;
  return (
    <span className="figure-wrap">
      <span
        className={`figure${className ? ` ${className}` : ''}`}
        tabIndex={0}
        aria-describedby={id}
        data-testid={testId}
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      >
        {children}
      </span>
      <span role="tooltip" id={id} className="working-tip" hidden={!open}>
        {working}
      </span>
    </span>
  );
}
