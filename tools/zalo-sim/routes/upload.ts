import express, { type Router } from "express";
import { UPLOAD_IMAGE_MAX_BYTES } from "../config";
import type { SimContext } from "../context";
import { exceedsLimit, invalid } from "../envelope";
import { parseMultipart, sniffImage } from "../multipart";
import { entitled, oaGate, oaHandler } from "./oa-common";

/** Generous transport limit so an oversized image reaches the handler and gets Zalo's -210, not a 413. */
const rawMultipart = express.raw({ type: "multipart/form-data", limit: "20mb" });

export function registerUploadRoutes(router: Router, ctx: SimContext): void {
  router.post(
    "/v2.0/oa/upload/image",
    oaGate(ctx),
    entitled(ctx, "upload"),
    rawMultipart,
    oaHandler((req) => {
      if (!Buffer.isBuffer(req.body)) throw invalid("file");
      const parts = parseMultipart(req.body, req.get("content-type"));
      const file = parts?.find((p) => p.name === "file");
      if (!file || file.data.length === 0) throw invalid("file");
      const mime = sniffImage(file.data);
      if (!mime) throw invalid("file");
      if (file.data.length > UPLOAD_IMAGE_MAX_BYTES) throw exceedsLimit();
      return { attachment_id: ctx.uploads.add({ createdAt: ctx.clock.now(), bytes: file.data.length, mime }) };
    }),
  );
}
