/**
 * Runs async work over a list with at most `jobs` in flight, keeping the input order in the output.
 *
 *   await mapPool([1, 2, 3], 2, async (n) => n * 2)  // → [2, 4, 6]
 */
export async function mapPool<T, R>(items: readonly T[], jobs: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
