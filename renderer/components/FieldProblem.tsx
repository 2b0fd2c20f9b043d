/**
 * What ties a control to the line saying what is wrong with its value, while something is: it is
 * marked invalid and described by that line, and neither once the value is right.
 */
export function problemLink(problemId: string, problem: string | null | undefined): { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined } {
  return { 'aria-invalid': problem ? true : undefined, 'aria-describedby': problem ? problemId : undefined };
}

/** The line under a control saying what is wrong with its value (see `problemLink`); nothing while it is right. */
export function FieldProblem({ id, problem }: { id: string; problem: string | null | undefined }) {
  return problem ? (
    <span id={id} className="field-error">
      {problem}
    </span>
  ) : null;
}
