/**
 * A copy of `text` that does not keep the string it was sliced from alive. V8 represents a
 * substring of 13 or more characters (a PNC, for one) as a view into its parent, here a 256 KB
 * chunk of the CSV, which would otherwise stay in memory as long as the copy does; prefixing and
 * slicing again makes a fresh string the size of the text.
 */
export function detach(text: string | null | undefined): string | null {
  return text == null ? null : ` ${text}`.slice(1);
}

/**
 * Each distinct text once, by number (equal numbers, equal texts), each stored {@link detach}ed:
 * an extract repeats a few thousand names and a few hundred offence and borough wordings across a
 * million rows, and the import holds and compares the numbers.
 */
export class TextCodes {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      const fresh = detach(text)!;
      id = this.values.push(fresh) - 1;
      this.ids.set(fresh, id);
    }
    return id;
  }
}
