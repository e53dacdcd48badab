/** Runs once per server process; the Node.js part lives apart so the edge bundle never sees it. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerShutdown } = await import("./instrumentation-node");
    registerShutdown();
  }
}
