export function Brand() {
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden>
        {"</>"}
      </span>
      <span>Elite Coding Assistant</span>
    </div>
  );
}
