/** Why a document cannot be imported; the CLI and the HTTP upload map these to exit codes and 4xx answers. */
export const IMPORT_ERROR_CODES = [
  "not_found",
  "unreadable",
  "not_a_file",
  "too_large",
  "empty",
  "binary",
  "unsupported_format",
  "corrupt_docx",
  "not_a_report",
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/**
 * A document the importer refuses. The message is one line, Vietnamese for the editor then English for the
 * operator ("… / …"), and never carries a stack trace or the document's content.
 */
export class ImportError extends Error {
  override name = "ImportError";

  constructor(
    readonly code: ImportErrorCode,
    vi: string,
    en: string,
  ) {
    super(`${vi} / ${en}`);
  }
}
