// A fetch the page's Content-Security-Policy refuses fails like a network error; the document's
// securitypolicyviolation event is the only way to tell the two apart and say which it was.

export interface ConnectWatch {
  /** Whether the policy refused a connection to the watched origin (asked after the fetch failed). */
  blocked(): Promise<boolean>;
  stop(): void;
}

export function watchConnectBlocked(url: string): ConnectWatch {
  const origin = new URL(url).origin;
  let blocked = false;
  const listener = (event: Event) => {
    const violation = event as Partial<SecurityPolicyViolationEvent>;
    if (violation.effectiveDirective === 'connect-src' && violation.blockedURI?.startsWith(origin)) blocked = true;
  };
  document.addEventListener('securitypolicyviolation', listener);
  return {
    async blocked() {
      // The violation is reported in a task of its own, which may come after the fetch's rejection.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return blocked;
    },
    stop: () => document.removeEventListener('securitypolicyviolation', listener),
  };
}
