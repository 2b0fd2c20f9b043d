import type { z } from 'zod';

/** One issue as a person reads it: zod's own words name types, not what to do. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    // A file named by its path (issue 17.4) gets the reason, not just "unrecognized".
    if (issue.keys.includes('path')) return 'A file is never taken by its path: choose it with Browse… (or drop it on the window) and try again.';
    return `${where}not part of this request: ${issue.keys.join(', ')}`;
  }
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return `${where}missing`;
  return `${where}${issue.message}`;
}

/** The first few issues of a failed parse, in words, for the call's answer or the command line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 3).map(describeIssue).join('; ');
}
