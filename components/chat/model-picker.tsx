"use client";

import type { ChatSetup } from "@/lib/chat/chat-setup";

/** The configured models only; hidden when there is nothing to choose. */
export function ModelPicker({
  models,
  value,
  onChange,
  disabled,
}: {
  models: ChatSetup["models"];
  value: string | null;
  onChange: (ref: string) => void;
  disabled?: boolean;
}) {
  if (models.length === 0) return null;
  if (models.length === 1) {
    return (
      <span className="chat-model-single" title={models[0]!.ref}>
        {models[0]!.label}
      </span>
    );
  }
  return (
    <select
      className="chat-model-picker"
      aria-label="Model"
      value={value ?? models[0]!.ref}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
    >
      {models.map((m) => (
        <option key={m.ref} value={m.ref}>
          {m.label} · {m.provider}
        </option>
      ))}
    </select>
  );
}
