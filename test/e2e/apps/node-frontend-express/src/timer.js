export const WORK_MINUTES = 25;
export const BREAK_MINUTES = 5;

export function format(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return `${String(minutes).padStart(2, "0")}:${String(rest).padStart(2, "0")}`;
}

export function nextPhase(phase) {
  return phase === "work" ? { phase: "break", seconds: BREAK_MINUTES * 60 } : { phase: "work", seconds: WORK_MINUTES * 60 };
}
