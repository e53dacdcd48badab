"use client";

import { saveAnswerAction, teachAction } from "@/app/(app)/knowledge/actions";
import { onEscape, useRefocusOnClose } from "@/components/ui/keyboard";
import Link from "next/link";
import { useState, useTransition } from "react";
import "./knowledge.css";

/**
 * Under an assistant answer: "Teach" (write the correct answer) and, for a thumbs-up answer,
 * "Save as knowledge". Both create knowledge items that are validated before they are used.
 */
export function LearnActions({ messageId, roomId, rating }: { messageId: string; roomId: string | null; rating: 1 | -1 | null }) {
  const [teaching, setTeaching] = useState(false);
  const [answer, setAnswer] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const teachButton = useRefocusOnClose<HTMLButtonElement>(teaching);
  const learned = `/knowledge/learned${roomId ? `?room=${encodeURIComponent(roomId)}` : ""}`;

  const run = (action: () => ReturnType<typeof teachAction>, message: string) =>
    start(async () => {
      setError(null);
      const result = await action();
      if (result.ok) {
        setDone(message);
        setTeaching(false);
        setAnswer("");
      } else setError(result.message ?? "That did not work. Try again.");
    });

  return (
    <div className="kn-learn">
      <button type="button" className="btn btn-secondary btn-small" ref={teachButton} onClick={() => setTeaching((v) => !v)} aria-expanded={teaching}>
        Teach
      </button>
      {rating === 1 && (
        <button type="button" className="btn btn-secondary btn-small" disabled={pending} onClick={() => run(() => saveAnswerAction({ messageId }), "Saved as knowledge.")}>
          Save as knowledge
        </button>
      )}
      {done && (
        <span className="kn-learn-note" role="status">
          {done} <Link href={learned}>See what was learned</Link>
        </span>
      )}
      {error && <span className="kn-action-error" role="alert">{error}</span>}
      {teaching && (
        <form
          className="kn-teach-form"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => teachAction({ messageId, answer }), "Thanks — the correction was added.");
          }}
          onKeyDown={onEscape(() => setTeaching(false))}
        >
          <textarea aria-label="Correct answer" placeholder="Write the correct answer…" maxLength={20_000} value={answer} onChange={(e) => setAnswer(e.target.value)} required />
          <span className="row-actions">
            <button type="submit" className="btn btn-small" disabled={pending || answer.trim() === ""}>
              {pending ? "Saving…" : "Save correction"}
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setTeaching(false)}>
              Cancel
            </button>
          </span>
        </form>
      )}
    </div>
  );
}
