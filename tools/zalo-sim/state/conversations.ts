/** One message of a user ↔ OA conversation, in the shape of GET /v2.0/oa/conversation. */
export interface ConversationMessage {
  message_id: string;
  /** 0 = sent by the OA, 1 = sent by the user. */
  src: 0 | 1;
  time: string;
  type: string;
  message: string;
  from_id: string;
  to_id: string;
}

/** Conversations only exist for users who exchanged messages, so a Map by follower index stays small. */
export class ConversationStore {
  private byUser = new Map<number, ConversationMessage[]>();

  reset(): void {
    this.byUser.clear();
  }

  append(userIndex: number, msg: ConversationMessage): void {
    const list = this.byUser.get(userIndex);
    if (list) list.push(msg);
    else this.byUser.set(userIndex, [msg]);
  }

  has(userIndex: number, messageId: string): boolean {
    return this.byUser.get(userIndex)?.some((m) => m.message_id === messageId) ?? false;
  }

  /** Newest first, as Zalo pages it. */
  page(userIndex: number, offset: number, count: number): ConversationMessage[] {
    const list = this.byUser.get(userIndex) ?? [];
    const out: ConversationMessage[] = [];
    for (let i = list.length - 1 - offset; i >= 0 && out.length < count; i--) out.push(list[i]!);
    return out;
  }
}
