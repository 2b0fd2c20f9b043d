/**
 * Arrests and the arrest terms (offence wording to crime type) they are coded with.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).

export {};
