/** Runs once per server process; the Node.js part lives apart so the edge bundle never sees it. */
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- Next inlines NEXT_RUNTIME per bundle at build time.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerShutdown } = await import("./instrumentation-node");
    registerShutdown();
  }
}
