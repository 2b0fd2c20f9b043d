/** A copy of `values` in a new array `length` long (at least as long), the new places zero. */
export function grown(values: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length);
  bigger.set(values);
  return bigger;
}
