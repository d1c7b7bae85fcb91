/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

/**
 * Minimal multipart/form-data reader (RFC 7578): enough for the upload endpoints, without a dependency.
 * Returns null when the body is not well-formed multipart.
 */
export function parseMultipart(body: Buffer, contentTypeHeader: string | undefined): FormPart[] | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentTypeHeader ?? "");
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) return null;
  const parts: FormPart[] = [];
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString("latin1") === "--") return parts;
    if (body.subarray(pos, pos + 2).toString("latin1") !== "\r\n") return null;
    const headerEnd = body.indexOf("\r\n\r\n", pos + 2);
    if (headerEnd < 0) return null;
    const next = body.indexOf(between, headerEnd + 4);
    if (next < 0) return null;
    const headers = body.subarray(pos + 2, headerEnd).toString("utf8");
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? "";
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) return null;
    parts.push({
      name,
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: /^content-type:\s*([^\s;]+)/im.exec(headers)?.[1]?.toLowerCase() ?? null,
      data: body.subarray(headerEnd + 4, next),
    });
    pos = next + 2;
  }
}

/** The image type from its first bytes: what Zalo's checks rely on, not the declared Content-Type. */
export function sniffImage(data: Buffer): "image/jpeg" | "image/png" | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  return null;
}
