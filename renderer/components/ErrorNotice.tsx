export function ErrorNotice({ message, title = 'That did not work' }: { message: string | null; title?: string }) {
  if (!message) return null;
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}.</strong> {message}
    </div>
  );
}

/** A read that failed, and the button that asks for it again. */
export function RetryNotice({ message, title, onRetry, small = false }: { message: string; title: string; onRetry(): void; small?: boolean }) {
  return (
    <>
      <ErrorNotice message={message} title={title} />
      <button type="button" className={small ? 'button secondary small' : 'button secondary'} onClick={onRetry}>
        Try again
      </button>
    </>
  );
}
