/** The CS message shapes the bot sends (ZALO-PLATFORM.md A.3). */
export type ZaloButton =
  | { title: string; type: "oa.open.url"; payload: { url: string } }
  | { title: string; type: "oa.query.show" | "oa.query.hide"; payload: string }
  | { title: string; type: "oa.open.phone"; payload: { phone_code: string } };

export type CsMessage =
  | { text: string; quote_message_id?: string }
  | {
      text?: string;
      attachment: {
        type: "template";
        payload:
          // Text with buttons: a template payload that carries only `buttons` (PHP SDK withButton).
          | { buttons: ZaloButton[] }
          | { template_type: "media"; elements: Array<{ media_type: "image"; url?: string; attachment_id?: string }> }
          | {
              template_type: "list";
              elements: Array<{ title: string; subtitle?: string; image_url?: string; default_action?: ZaloButton }>;
            };
      };
    };

/** Broadcast target codes are comma-separated strings, as the official SDKs send them. */
export interface BroadcastTarget {
  cities?: string;
  ages?: string;
  gender?: string;
  locations?: string;
  platform?: string;
}

export interface ArticleInput {
  title: string;
  author: string;
  description: string;
  coverPhotoUrl: string;
  body: Array<{ type: "text"; content: string } | { type: "image"; url: string; caption?: string }>;
  status?: "show" | "hide";
  comment?: "show" | "hide";
}
