import { createHash } from "node:crypto";

/**
 * How a message whose send a crash left unknown is recognised in the OA's conversation: by a fingerprint
 * of its text (NFC, as it is sent), at or after the time its send began, less the clock skew allowed
 * between this server and Zalo — wider would take an identical earlier message for this one, narrower would
 * miss this one and send it twice.
 */
export const CONVERSATION_SKEW_MS = 5_000;

export function messageFingerprint(text: string): string {
  return createHash("sha256").update(text.normalize("NFC")).digest("hex").slice(0, 32);
}

/** The predicate a conversation search takes: "is this the message with that fingerprint?" */
export function isMessage(fingerprint: string): (text: string) => boolean {
  return (text) => messageFingerprint(text) === fingerprint;
}
