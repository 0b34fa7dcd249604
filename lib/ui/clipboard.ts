export type CopyResult = { ok: true } | { ok: false; error: unknown };

/**
 * Puts text on the clipboard from the sidebar page, during the click that asked for it. First the
 * async Clipboard API; where it is refused (in the dock, a host page whose Permissions-Policy keeps
 * clipboard-write from its frames; a document without focus), the text is selected in a hidden
 * textarea and copied with `execCommand('copy')`, which the click's user activation allows.
 * Only when both fail does the caller tell the rep how to copy by hand (docs/architecture.md).
 */
export async function copyText(text: string): Promise<CopyResult> {
  let refusal: unknown;
  try {
    if (!navigator.clipboard) throw new Error('The Clipboard API is not available here.');
    await navigator.clipboard.writeText(text);
    return { ok: true };
  } catch (error) {
    refusal = error;
  }
  return copyBySelection(text) ? { ok: true } : { ok: false, error: refusal };
}

/** The older way: select the text in a textarea out of sight and copy the selection. */
function copyBySelection(text: string): boolean {
  const focused = document.activeElement;
  const area = document.createElement('textarea');
  area.value = text;
  // Read-only keeps a touch keyboard from opening; fixed and transparent keeps the page from scrolling or flashing.
  area.readOnly = true;
  area.setAttribute('aria-hidden', 'true');
  area.tabIndex = -1;
  area.style.cssText =
    'position:fixed;top:0;left:0;width:1px;height:1px;padding:0;border:0;opacity:0;pointer-events:none';
  document.body.append(area);
  try {
    area.focus();
    area.select();
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    // The rep's focus goes back to the Copy button they pressed.
    if (focused instanceof HTMLElement) focused.focus();
  }
}
