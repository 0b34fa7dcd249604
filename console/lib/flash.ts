// A message for the page a save leads to ("Live: …" after creating a point, shown on the point's own page).
let flash: { id: string; text: string } | null = null;

export function leaveFlash(id: string, text: string): void {
  flash = { id, text };
}

/** The message left for `id`, if any (read without removing, so a re-render reads it again). */
export function readFlash(id: string | undefined): string | null {
  return id !== undefined && flash?.id === id ? flash.text : null;
}

export function clearFlash(): void {
  flash = null;
}
