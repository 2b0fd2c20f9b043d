/** What went wrong, in the words the error carries; anything thrown that is not an Error as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
