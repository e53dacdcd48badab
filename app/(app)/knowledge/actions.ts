"use server";

import { getUploadsDir } from "@/app/_server/knowledge";
import { getDb } from "@/app/_server/runtime";
import { requireUser } from "@/app/_server/session";
import { parseInput } from "@/lib/forms/input";
import { failureFrom, INTERNAL_FAILURE, type ActionResult } from "@/lib/forms/action-result";
import { documentIdSchema, reviewDecisionSchema } from "@/lib/knowledge/document-schemas";
import { deleteDocument, replaceDuplicate, reviewDocument } from "@/lib/knowledge/documents";
import { saveAnswerAsKnowledge, teachCorrection } from "@/lib/knowledge/learning";
import { setRequireApproval } from "@/lib/knowledge/scope";
import { logger } from "@/lib/observability/logger";
import { z } from "zod";

/** Knowledge pages are rendered per request; the calling component refreshes what it shows. */
async function attempt(what: string, run: (userId: string) => Promise<void>): Promise<ActionResult> {
  const user = await requireUser();
  try {
    await run(user.id);
    return { ok: true };
  } catch (err) {
    const failure = failureFrom(err);
    if (failure) return failure;
    logger.error({ err }, `${what} failed`);
    return INTERNAL_FAILURE;
  }
}

export async function deleteDocumentAction(input: unknown): Promise<ActionResult> {
  return attempt("delete document", async (userId) => {
    await deleteDocument(await getDb(), userId, parseInput(documentIdSchema, input), getUploadsDir());
  });
}

export async function replaceDuplicateAction(input: unknown): Promise<ActionResult> {
  return attempt("replace duplicate", async (userId) => {
    await replaceDuplicate(await getDb(), userId, parseInput(documentIdSchema, input), getUploadsDir());
  });
}

export async function reviewDocumentAction(input: unknown): Promise<ActionResult> {
  return attempt("review document", async (userId) => {
    const { id, decision } = parseInput(z.object({ id: documentIdSchema, decision: reviewDecisionSchema }), input);
    await reviewDocument(await getDb(), userId, id, decision);
  });
}

export async function setRequireApprovalAction(input: unknown): Promise<ActionResult> {
  return attempt("set approval rule", async (userId) => {
    const { roomId, requireApproval } = parseInput(z.object({ roomId: documentIdSchema, requireApproval: z.boolean() }), input);
    await setRequireApproval(await getDb(), userId, roomId, requireApproval);
  });
}

export async function teachAction(input: unknown): Promise<ActionResult> {
  return attempt("teach correction", async (userId) => {
    await teachCorrection(await getDb(), getUploadsDir(), userId, input);
  });
}

export async function saveAnswerAction(input: unknown): Promise<ActionResult> {
  return attempt("save answer as knowledge", async (userId) => {
    await saveAnswerAsKnowledge(await getDb(), getUploadsDir(), userId, input);
  });
}
