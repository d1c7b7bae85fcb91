import { Router } from "express";
import type { CoverFiles } from "../../store/cover-store";

/** Post covers, public: Zalo fetches them for the article, the mini app shows them. Immutable by name. */
export function mediaRoutes(covers: CoverFiles): Router {
  const router = Router();
  router.get("/media/covers/:file", async (req, res) => {
    const found = await covers.read(String(req.params.file));
    if (!found) {
      res.status(404).json({ error: "not_found", message: "Không tìm thấy ảnh" });
      return;
    }
    res.set({
      "Content-Type": found.type === "png" ? "image/png" : "image/jpeg",
      "Cache-Control": "public, max-age=31536000, immutable",
      "Cross-Origin-Resource-Policy": "cross-origin",
    });
    res.send(found.bytes);
  });
  return router;
}
