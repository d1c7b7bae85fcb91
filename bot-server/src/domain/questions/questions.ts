import type { AuditLog } from "../audit/audit-log";
import type { ChatRepository, Messenger, QuestionHandling, UnansweredQuestion } from "../inbound/ports";
import type { Actor } from "../posts/workflow";
import { WorkflowError } from "../posts/workflow";

/**
 * Followers' questions the chatbot could not answer, for editors: read them newest first, answer one with a
 * consultation message (inside Zalo's 7-day window, through the send budget like every reply), or set it aside.
 */
export interface QuestionDeps {
  chats: ChatRepository;
  audit: AuditLog;
  /** Absent when no Zalo OA is configured: questions can be read and set aside, not answered. */
  messenger?: Messenger;
  now: () => Date;
}

export type Question = UnansweredQuestion & { handled?: QuestionHandling };

/**
 * The kept questions newest first, a page at a time with how each was handled: the console asks every few
 * seconds, and the open ones it shows are near the top, so reading all the kept ones each time would be waste.
 */
const PAGE = 200;

async function* questionPages(deps: QuestionDeps): AsyncGenerator<Question[]> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await deps.chats.unanswered(PAGE, offset);
    if (page.length === 0) return;
    const handling = await deps.chats.handling(page.map((q) => q.id));
    yield page.map((q) => ({ ...q, ...(handling.has(q.id) && { handled: handling.get(q.id) }) }));
    if (page.length < PAGE) return;
  }
}

export async function listQuestions(deps: QuestionDeps, filter: { open: boolean; limit: number }): Promise<Question[]> {
  const found: Question[] = [];
  for await (const page of questionPages(deps)) {
    found.push(...(filter.open ? page.filter((q) => !q.handled) : page));
    if (found.length >= filter.limit) break;
  }
  return found.slice(0, filter.limit);
}

async function find(deps: QuestionDeps, id: string): Promise<Question> {
  for await (const page of questionPages(deps)) {
    const q = page.find((x) => x.id === id);
    if (q) return q;
  }
  throw new WorkflowError("not_found", "Không tìm thấy câu hỏi");
}

function handling(deps: QuestionDeps, actor: Actor, reply: string | undefined): QuestionHandling {
  return { by: actor.user.username, at: deps.now().toISOString(), ...(reply !== undefined && { reply }) };
}

async function record(deps: QuestionDeps, actor: Actor, q: Question, h: QuestionHandling): Promise<Question> {
  await deps.audit.append({
    actor: actor.user.username,
    address: actor.address,
    action: h.reply === undefined ? "question.set_aside" : "question.answered",
    target: `question:${q.id}`,
    details: { userId: q.userId, ...(h.reply !== undefined && { reply: h.reply }) },
  });
  return { ...q, handled: h };
}

export async function setQuestionAside(deps: QuestionDeps, actor: Actor, id: string): Promise<Question> {
  const q = await find(deps, id);
  if (q.handled) return q;
  const h = handling(deps, actor, undefined);
  if (!(await deps.chats.markHandled(q.id, h)))
    throw new WorkflowError("conflict", "Câu hỏi này vừa được người khác xử lý");
  return record(deps, actor, q, h);
}

/**
 * Answers once: the question is claimed before the send, so two editors answering together send one reply.
 * A follower outside the consultation window cannot be reached: the claim is released and the question stays
 * open, so that nobody believes it answered.
 */
export async function answerQuestion(deps: QuestionDeps, actor: Actor, id: string, text: string): Promise<Question> {
  const q = await find(deps, id);
  if (q.handled) throw new WorkflowError("conflict", "Câu hỏi này đã được xử lý");
  const messenger = deps.messenger;
  if (!messenger) throw new WorkflowError("conflict", "Chưa kết nối Zalo OA: chưa trả lời được trong Zalo");
  const h = handling(deps, actor, text);
  if (!(await deps.chats.markHandled(q.id, h)))
    throw new WorkflowError("conflict", "Câu hỏi này vừa được người khác xử lý");
  const delivered = await messenger.sendReply(q.userId, { text, buttons: [] }).catch(async (err: unknown) => {
    await deps.chats.unmarkHandled(q.id);
    throw err;
  });
  if (!delivered) {
    await deps.chats.unmarkHandled(q.id);
    throw new WorkflowError(
      "conflict",
      "Người dân đã không tương tác với OA quá 7 ngày: Zalo không cho gửi tin tư vấn nữa",
      { text: "Ngoài khung 7 ngày của Zalo" },
    );
  }
  return record(deps, actor, q, h);
}
