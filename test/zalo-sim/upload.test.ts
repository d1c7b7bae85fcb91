import { beforeEach, describe, expect, it } from "vitest";
import { type Envelope, LONG_LIVED_TOKENS, oaPost, setClock, tokenPair, userEvent, useSimulator } from "./helpers";

const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0];
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function image(head: number[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(head);
  return bytes;
}

const sim = useSimulator({ limits: LONG_LIVED_TOKENS }, { clock: { freeze: true } });
let token: string;
beforeEach(async () => {
  token = (await tokenPair(sim)).access;
});

async function upload(
  field: string,
  bytes: Uint8Array,
  type: string,
  name = "a.jpg",
): Promise<Envelope<{ attachment_id: string }>> {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), name);
  const res = await fetch(`${sim.url}/v2.0/oa/upload/image`, {
    method: "POST",
    headers: { access_token: token },
    body: form,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Envelope<{ attachment_id: string }>;
}

describe("image upload", () => {
  it("accepts jpg and png up to 1 MB", async () => {
    const jpg = await upload("file", image(JPEG_HEAD, 1024 * 1024), "image/jpeg");
    expect(jpg.error).toBe(0);
    expect(typeof jpg.data!.attachment_id).toBe("string");
    const png = await upload("file", image(PNG_HEAD, 2048), "application/octet-stream", "b.png");
    expect(png.error).toBe(0);
    expect(png.data!.attachment_id).not.toBe(jpg.data!.attachment_id);
  });

  it("refuses oversized, non-image or missing files", async () => {
    expect(await upload("file", image(JPEG_HEAD, 1024 * 1024 + 1), "image/jpeg")).toEqual({
      error: -210,
      message: "Parameter exceeds allowable limit",
    });
    expect((await upload("file", new TextEncoder().encode("GIF89a not allowed here"), "image/jpeg")).error).toBe(-201);
    expect((await upload("image", image(JPEG_HEAD, 100), "image/jpeg")).error).toBe(-201);
    const json = await oaPost(sim, token, "/v2.0/oa/upload/image", { file: "base64..." });
    expect(json.body.error).toBe(-201);
  });

  it("gives an attachment id usable in a CS media message for 7 days", async () => {
    const user = "246845883529197923";
    const id = (await upload("file", image(JPEG_HEAD, 5000), "image/jpeg")).data!.attachment_id;
    const media = {
      recipient: { user_id: user },
      message: {
        attachment: {
          type: "template",
          payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: id }] },
        },
      },
    };
    await userEvent(sim, { event_name: "follow", user_id: user });
    expect((await oaPost(sim, token, "/v3.0/oa/message/cs", media)).body.error).toBe(0);

    await setClock(sim, { advanceMs: 7 * 86_400_000 + 1 });
    await userEvent(sim, { event_name: "user_send_text", user_id: user, text: "còn đó không?" });
    expect((await oaPost(sim, token, "/v3.0/oa/message/cs", media)).body).toEqual({
      error: -100,
      message: "attachment_id was expired",
    });
  });

  it("counts uploads against the OA rate limit and requires a token", async () => {
    const res = await fetch(`${sim.url}/v2.0/oa/upload/image`, { method: "POST", body: new FormData() });
    expect(res.headers.get("x-ratelimit-limit")).toBe("4000");
    expect(((await res.json()) as { error: number }).error).toBe(-216);
  });
});
