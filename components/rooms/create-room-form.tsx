"use client";

import type { ActionResult } from "@/lib/forms/action-result";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

interface Props {
  create: (input: { name: string; description: string }) => Promise<ActionResult & { roomId?: string }>;
}

export function CreateRoomForm({ create }: Props) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await create({ name, description });
      if (!result.ok) {
        setError(result.message ?? Object.values(result.fieldErrors ?? {})[0] ?? "The room could not be created.");
        return;
      }
      if (result.roomId) router.push(`/rooms/${result.roomId}`);
    });
  }

  return (
    <form onSubmit={submit} className="create-room">
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor="room-name">Name</label>
        <input id="room-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
      </div>
      <div className="field">
        <label htmlFor="room-description">Description</label>
        <textarea id="room-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} rows={3} />
        <span className="hint">Optional. What the room is for.</span>
      </div>
      <button className="btn" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create room"}
      </button>
    </form>
  );
}
