export type CopyResult = { ok: true } | { ok: false; error: unknown };

/**
 * Puts text on the clipboard from the sidebar page. A page in an iframe can be refused the async
 * Clipboard API (permissions policy, no focus); the caller then tells the rep how to copy by hand.
 */
export async function copyText(text: string): Promise<CopyResult> {
  try {
    if (!navigator.clipboard) throw new Error('The Clipboard API is not available here.');
    await navigator.clipboard.writeText(text);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}
