/** Wraps a listener so that nothing it throws ever reaches the host page. */
export function safe<A extends unknown[]>(listener: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      listener(...args);
    } catch {
      // A selector miss or a changed page is "no lead", never an error the page sees.
    }
  };
}
