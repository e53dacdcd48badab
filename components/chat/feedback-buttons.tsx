"use client";

import { feedbackAction } from "@/app/(app)/chat/actions";
import { onEscape, useReturnFocus } from "@/components/ui/keyboard";
import { useState } from "react";
import { ThumbDownIcon, ThumbUpIcon } from "./icons";

export interface Feedback {
  rating: 1 | -1;
  comment: string | null;
}

/**
 * Thumbs up / down on an answer, with an optional comment; saved at once. One rating per answer:
 * the other thumb replaces it and starts a new comment (a comment belongs to the rating it explains);
 * the active thumb keeps the rating and opens its comment for editing.
 */
export function FeedbackButtons({
  messageId,
  initial,
  onChange,
}: {
  messageId: string;
  initial: Feedback | null;
  onChange?: (feedback: Feedback) => void;
}) {
  const [feedback, setFeedback] = useState<Feedback | null>(initial);
  const [commenting, setCommenting] = useState(false);
  const [draft, setDraft] = useState(initial?.comment ?? "");
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "failed">("idle");
  const focus = useReturnFocus();

  async function save(next: Feedback) {
    setStatus("saving");
    const result = await feedbackAction({ messageId, rating: next.rating, comment: next.comment });
    if (!result.ok) {
      setStatus("failed");
      return;
    }
    setFeedback(next);
    onChange?.(next);
    setStatus("saved");
  }

  function openForm() {
    focus.remember();
    setCommenting(true);
  }

  function rate(rating: 1 | -1) {
    if (feedback?.rating !== rating) {
      setDraft("");
      void save({ rating, comment: null });
    }
    openForm();
  }

  function closeForm() {
    setDraft(feedback?.comment ?? "");
    setCommenting(false);
    focus.restore();
  }

  return (
    <div className="chat-feedback" onKeyDown={commenting ? onEscape(closeForm) : undefined}>
      <button
        type="button"
        className="chat-icon-btn"
        aria-label="Good answer"
        aria-pressed={feedback?.rating === 1}
        onClick={() => rate(1)}
      >
        <ThumbUpIcon />
      </button>
      <button
        type="button"
        className="chat-icon-btn"
        aria-label="Bad answer"
        aria-pressed={feedback?.rating === -1}
        onClick={() => rate(-1)}
      >
        <ThumbDownIcon />
      </button>
      {commenting && feedback && (
        <form
          className="chat-feedback-comment"
          onSubmit={(e) => {
            e.preventDefault();
            void save({ rating: feedback.rating, comment: draft.trim() === "" ? null : draft.trim() });
            setCommenting(false);
            focus.restore();
          }}
        >
          <input
            aria-label="Feedback comment"
            placeholder={feedback.rating === 1 ? "What was good? (optional)" : "What was wrong? (optional)"}
            maxLength={2000}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="btn btn-secondary btn-small">
            Save
          </button>
        </form>
      )}
      {!commenting && feedback?.comment && (
        <span className="chat-feedback-saved">
          <q className="chat-small" data-testid="feedback-comment">
            {feedback.comment}
          </q>
          <button type="button" className="chat-link-btn" onClick={openForm}>
            Edit comment
          </button>
        </span>
      )}
      {status === "saved" && !commenting && <span className="muted chat-small">Thanks for the feedback</span>}
      {status === "failed" && <span className="chat-error-text chat-small">Could not save the feedback</span>}
    </div>
  );
}
