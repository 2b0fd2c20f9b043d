/**
 * Caps that keep a hostile or broken file from exhausting the workstation. Every reader takes
 * `Partial<ReaderLimits>` and fills the rest from the defaults, so tests can use tiny limits.
 */
export interface ReaderLimits {
  /** Workbooks are parsed in memory, so their file size is capped. */
  maxFileBytes: number;
  /** CSV is streamed; its cap only stops absurd files (rows are the real bound). */
  maxTextFileBytes: number;
  /** Rows per sheet or CSV file, blank rows included. Room for the 1,000,000-row arrests extract. */
  maxRows: number;
  /** Columns holding a value; trailing empty columns do not count. */
  maxColumns: number;
  /** Excel's own cell limit; longer text is cut with a warning. */
  maxCellChars: number;
  /** One CSV record (line, or lines when a quoted field spans them), so a file without newlines cannot eat memory. */
  maxRecordChars: number;
  /**
   * Sum of the uncompressed sizes of a zip-based workbook's entries. SheetJS parses the whole sheet
   * in memory, at about ten bytes of memory per byte of sheet XML (66 MB of XML measured at 640 MB
   * resident), so this is what keeps a workbook's parse near a gigabyte. A few-megabyte file that
   * unpacks to this much (compressed at 30 to 1, under the ratio check) would otherwise take
   * several gigabytes. Bigger sheets go through CSV, which is streamed.
   */
  maxZipUncompressedBytes: number;
  /** Uncompressed ÷ compressed size above which a large entry is taken for a zip bomb. */
  maxZipCompressionRatio: number;
  /** Entries smaller than this are not ratio-checked: they cannot hurt and tiny XML parts compress well. */
  zipRatioCheckMinBytes: number;
  maxZipEntries: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_READER_LIMITS: Readonly<ReaderLimits> = Object.freeze({
  maxFileBytes: 100 * MiB,
  maxTextFileBytes: 1024 * MiB,
  maxRows: 1_100_000,
  maxColumns: 500,
  maxCellChars: 32_767,
  maxRecordChars: 1 * MiB,
  maxZipUncompressedBytes: 128 * MiB,
  maxZipCompressionRatio: 200,
  zipRatioCheckMinBytes: 1 * MiB,
  maxZipEntries: 10_000,
});

export function resolveLimits(overrides: Partial<ReaderLimits> | undefined): ReaderLimits {
  return { ...DEFAULT_READER_LIMITS, ...overrides };
}
