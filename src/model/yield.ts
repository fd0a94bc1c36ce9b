/**
 * Lets pending messages (a cancel, a pause) in between two steps of a long job in a worker,
 * without the clamping of timers: setImmediate in Node, a MessageChannel round trip in browsers.
 */
export function yieldToEvents(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((r) => setImmediate(r));
  return new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      r();
    };
    ch.port2.postMessage(null);
  });
}
