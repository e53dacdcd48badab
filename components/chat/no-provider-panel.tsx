/** Shown when no AI provider is configured: exactly which variables to set. */
export function NoProviderPanel({ message }: { message: string }) {
  const [intro, ...lines] = message.split("\n");
  return (
    <div className="chat-setup" role="note" aria-label="No AI provider configured">
      <strong>No AI model is configured yet.</strong>
      <p>{intro}</p>
      <ul>
        {lines.map((line) => (
          <li key={line}>
            <code>{line.replace(/^\s*-\s*/, "")}</code>
          </li>
        ))}
      </ul>
      <p className="muted">
        Restart the server after setting them. Until then, questions are answered with matching passages from your knowledge base
        when there are any.
      </p>
    </div>
  );
}
