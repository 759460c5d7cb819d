import { WORK_MINUTES, format, nextPhase } from "./timer.js";

let state = { phase: "work", seconds: WORK_MINUTES * 60 };
let ticking = null;

function render() {
  document.querySelector("#clock").textContent = format(state.seconds);
  document.querySelector("#phase").textContent = state.phase;
}

function tick() {
  state.seconds -= 1;
  if (state.seconds <= 0) {
    state = nextPhase(state.phase);
    fetch("/api/sessions", { method: "POST" });
  }
  render();
}

document.querySelector("#start").addEventListener("click", () => {
  if (ticking) return;
  ticking = setInterval(tick, 1000);
});
document.querySelector("#stop").addEventListener("click", () => {
  clearInterval(ticking);
  ticking = null;
});
render();
