import type { LinkReview } from '../../shared/links/linkSchemas';
import { importKindLabel } from '../../shared/domain/importKinds';
import { STRENGTH_LABELS } from '../../shared/links/linkEvidence';
import { decideLinkReview, pendingLinkReviews, undoLinkDecision } from '../links/linkReviews';
import { CliError } from './cliError';
import { workspaceCommandArgs } from './commandArgs';
import type { CliIo } from './cli';
import type { CliWorkspaceContext } from './cliWorkspace';

export const LINKS_USAGE = `  links <workspace> list [--limit N] [--json]
                                     uncertain matches waiting for review, with the evidence field by field
  links <workspace> decide <reviewId> link|reject [--json]
                                     link the row to the person (merging the record made for it) or keep them apart
  links <workspace> undo <reviewId> [--json]
                                     take a decision back: the match waits again and both records are as they were`;

/** The Link review screen's default page; the queue is read in pages so a big import cannot flood the terminal. */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 5000;

function printReview(review: LinkReview, io: CliIo): void {
  io.out(`Review ${review.id}: ${importKindLabel(review.importKind)} import ${review.importId}, row ${review.rowNumber} → person ${review.personId ?? '(removed)'}; ${STRENGTH_LABELS[review.strength].toLowerCase()}, match probability ${(review.probability * 100).toFixed(1)}% (score ${review.score.toFixed(2)}) [${review.status}]`);
  for (const f of review.fields) io.out(`  ${f.tone === 'for' ? '+' : f.tone === 'against' ? '-' : ' '} ${f.reason}`);
  for (const f of review.fields) {
    io.out(`  ${f.field.padEnd(10)} ${f.level.padEnd(12)} ${(f.weight >= 0 ? '+' : '') + f.weight.toFixed(2)}  row: ${f.left ?? '—'} | person: ${f.right ?? '—'}  (${f.explanation})`);
  }
}

/** `iom-cohort links <workspace> list|decide`: the Link review screen without a window. */
export async function linksCommand(args: string[], io: CliIo, ctx: CliWorkspaceContext): Promise<void> {
  const { values, workspacePath: path, rest: [action, reviewText, decision] } = workspaceCommandArgs(args, { limit: { type: 'string' }, json: { type: 'boolean', default: false } }, LINKS_USAGE);
  if (action === 'list' || action === undefined) {
    const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new CliError(`--limit must be a whole number from 1 to ${MAX_LIMIT}.`, 64);
    const { total, reviews } = await ctx.withWorkspace(path, (workspace) => pendingLinkReviews(workspace, limit));
    if (values.json) {
      io.out(JSON.stringify({ total, reviews }, null, 2));
      return;
    }
    io.out(total === 0 ? 'No matches are waiting for review.' : `${total} match${total === 1 ? '' : 'es'} waiting for review${reviews.length < total ? ` (the first ${reviews.length} shown)` : ''}:`);
    for (const review of reviews) printReview(review, io);
    return;
  }
  if (action === 'decide') {
    const reviewId = Number(reviewText);
    if (!Number.isInteger(reviewId) || reviewId <= 0) throw new CliError('links decide needs a review number, e.g. links <workspace> decide 3 link.', 64);
    if (decision !== 'link' && decision !== 'reject') throw new CliError('links decide: say link or reject after the review number.', 64);
    const review = await ctx.withWorkspace(path, (workspace) => decideLinkReview(workspace, reviewId, decision, ctx.actor()));
    if (values.json) {
      io.out(JSON.stringify(review, null, 2));
      return;
    }
    io.out(decision === 'link' ? `Linked: import ${review.importId} row ${review.rowNumber} is person ${review.personId}.` : `Kept apart: import ${review.importId} row ${review.rowNumber} is not person ${review.personId}.`);
    return;
  }
  if (action === 'undo') {
    const reviewId = Number(reviewText);
    if (!Number.isInteger(reviewId) || reviewId <= 0) throw new CliError('links undo needs a review number, e.g. links <workspace> undo 3.', 64);
    const review = await ctx.withWorkspace(path, (workspace) => undoLinkDecision(workspace, reviewId, ctx.actor()));
    if (values.json) {
      io.out(JSON.stringify(review, null, 2));
      return;
    }
    io.out(`Undone: import ${review.importId} row ${review.rowNumber} waits for review again, and the records are as they were.`);
    return;
  }
  throw new CliError(`Say what to do: links <workspace> list|decide|undo.\n${LINKS_USAGE}`, 64);
}
