export function ErrorNotice({ message, title = 'That did not work' }: { message: string | null; title?: string }) {
  if (!message) return null;
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}.</strong> {message}
    </div>
  );
}
