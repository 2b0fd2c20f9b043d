import type { FormHTMLAttributes } from 'react';

interface SubmitFormProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> {
  /** What Enter or the submit button does; the browser's own submit (a page load) never happens. */
  onSubmit(): unknown;
}

/** A form whose submit stays in the app: the page is not reloaded, the handler runs instead. */
export function SubmitForm({ onSubmit, children, ...form }: SubmitFormProps) {
  return (
    <form
      {...form}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
