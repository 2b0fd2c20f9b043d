import { z } from 'zod';

/**
 * How an export reaches the user. In the desktop app main asks where to save (the system dialog
 * confirms any replacement) and writes the file atomically; in the browser preview there is no
 * dialog, so the bytes come back and the browser's download saves them.
 */
export const ExportDeliverySchema = z.discriminatedUnion('delivered', [
  z.object({ delivered: z.literal('saved'), path: z.string(), fileName: z.string(), bytes: z.number().int() }),
  z.object({ delivered: z.literal('download'), fileName: z.string(), mime: z.string(), base64: z.string() }),
  z.object({ delivered: z.literal('cancelled') }),
]);
export type ExportDelivery = z.infer<typeof ExportDeliverySchema>;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';
export const PDF_MIME = 'application/pdf';
