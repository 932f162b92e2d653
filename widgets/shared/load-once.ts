/**
 * A lazily loaded half of a widget (its chunk and what is made from it), loaded once: every caller
 * gets the same promise, and a load that failed (a chunk that did not arrive) is tried again by the
 * next call.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
}
