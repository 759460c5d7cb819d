/** Exit codes: 0 fine, 1 findings at or above the threshold, 2 usage, parse or config error. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 70 } as const;
