"use client";

import {
  deleteDocumentAction,
  replaceDuplicateAction,
  reviewDocumentAction,
  setRequireApprovalAction,
} from "@/app/(app)/knowledge/actions";
import type { ActionResult } from "@/lib/forms/action-result";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

function useAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<ActionResult>, after?: () => void) =>
    start(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) setError(result.message ?? "That did not work. Try again.");
      else {
        after?.();
        router.refresh();
      }
    });
  return { pending, error, run, router };
}

function ErrorText({ error }: { error: string | null }) {
  return error ? <span className="kn-action-error" role="alert">{error}</span> : null;
}

/** Deletes a document (its chunks leave the index at once); `redirectTo` after success. */
export function DeleteButton({ documentId, name, redirectTo }: { documentId: string; name: string; redirectTo?: string }) {
  const { pending, error, run, router } = useAction();
  return (
    <span className="row-actions">
      <button
        type="button"
        className="btn btn-danger btn-small"
        disabled={pending}
        aria-label={`Delete ${name}`}
        onClick={() => {
          if (!window.confirm(`Delete “${name}”? Its passages leave the knowledge base at once.`)) return;
          run(() => deleteDocumentAction(documentId), () => redirectTo && router.push(redirectTo));
        }}
      >
        {pending ? "Deleting…" : "Delete"}
      </button>
      <ErrorText error={error} />
    </span>
  );
}

export function ReviewButtons({ documentId }: { documentId: string }) {
  const { pending, error, run } = useAction();
  return (
    <span className="row-actions">
      <button type="button" className="btn btn-small" disabled={pending} onClick={() => run(() => reviewDocumentAction({ id: documentId, decision: "approve" }))}>
        Approve
      </button>
      <button type="button" className="btn btn-danger btn-small" disabled={pending} onClick={() => run(() => reviewDocumentAction({ id: documentId, decision: "reject" }))}>
        Reject
      </button>
      <ErrorText error={error} />
    </span>
  );
}

/** For a file refused as a duplicate: replace the existing document with this one. */
export function DuplicateActions({ documentId, onReplaced }: { documentId: string; onReplaced?: () => void }) {
  const { pending, error, run } = useAction();
  return (
    <span className="row-actions kn-duplicate-actions">
      <button type="button" className="btn btn-secondary btn-small" disabled={pending} onClick={() => run(() => replaceDuplicateAction(documentId), onReplaced)}>
        Replace the existing document
      </button>
      <ErrorText error={error} />
    </span>
  );
}

/** Removes a refused upload's record (and its stored file) from the rejected list. */
export function DismissRejectedButton({ documentId, name, onDismissed }: { documentId: string; name: string; onDismissed: () => void }) {
  const { pending, error, run } = useAction();
  return (
    <>
      <button type="button" className="btn btn-secondary btn-small" disabled={pending} aria-label={`Dismiss ${name}`} onClick={() => run(() => deleteDocumentAction(documentId), onDismissed)}>
        Dismiss
      </button>
      <ErrorText error={error} />
    </>
  );
}

export function ApprovalToggle({ roomId, requireApproval }: { roomId: string; requireApproval: boolean }) {
  const { pending, error, run } = useAction();
  // Shown at once; put back when saving fails.
  const [checked, setChecked] = useState(requireApproval);
  return (
    <label className="kn-approval">
      <input
        type="checkbox"
        checked={checked}
        disabled={pending}
        onChange={(e) => {
          const value = e.target.checked;
          setChecked(value);
          run(async () => {
            const result = await setRequireApprovalAction({ roomId, requireApproval: value });
            if (!result.ok) setChecked(!value);
            return result;
          });
        }}
      />
      New documents need an owner&apos;s approval before the assistant uses them
      <ErrorText error={error} />
    </label>
  );
}
