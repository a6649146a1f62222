/**
 * One process-wide timer for every clock of every call. A call's clocks are
 * mostly long safety nets (minutes) that never fire, so arming and clearing
 * a real timer for each, per call, is wasted work; here starting a clock is
 * linking a node into a list, and the one timer is armed for the earliest
 * deadline only when that moves earlier. The timer keeps the process alive
 * only while some clock is `held` (a call is waiting on it); clocks of a
 * stream already handed to the consumer are not held, so a dropped stream
 * never keeps a process up.
 */
export abstract class Deadline {
  /** Epoch milliseconds; `Infinity` while paused (linked, but never due). */
  at = Number.POSITIVE_INFINITY;
  held = false;
  linked = false;
  prev: Deadline | undefined = undefined;
  next: Deadline | undefined = undefined;

  /** Called by the sweep once `at` has passed; the deadline is stopped first. */
  abstract fire(): void;
}

// Node clamps longer delays to 1 ms (with a warning); the sweep re-arms instead.
const MAX_TIMER_MS = 2_147_483_647;

type Timer = ReturnType<typeof setTimeout>;

let head: Deadline | undefined;
let held = 0;
let timer: Timer | undefined;
let timerAt = Number.POSITIVE_INFINITY;
// The timer functions the timer was armed with: when they change (fake timers installed or removed), re-arm.
let armedWith: typeof setTimeout | undefined;
let clearWith: typeof clearTimeout | undefined;

/** Starts `deadline` at `at` (epoch ms), or moves it there when it already runs. */
export function startDeadline(deadline: Deadline, at: number, hold: boolean): void {
  if (!deadline.linked) {
    deadline.linked = true;
    deadline.prev = undefined;
    deadline.next = head;
    if (head !== undefined) head.prev = deadline;
    head = deadline;
  } else if (deadline.held) {
    held--;
  }
  deadline.at = at;
  deadline.held = hold;
  if (hold && held++ === 0 && timer !== undefined) timer.ref?.();
  if (held === 0) letGo();
  if (globalThis.setTimeout !== armedWith) arm(earliest());
  else if (at < timerAt) arm(at);
}

/** Moves a running deadline to `at` without changing whether it is held: the per-part path of the idle clock. */
export function moveDeadline(deadline: Deadline, at: number): void {
  deadline.at = at;
  if (at < timerAt) arm(at);
}

/** Stops `deadline`; a stopped deadline never fires. */
export function stopDeadline(deadline: Deadline): void {
  if (!deadline.linked) return;
  deadline.linked = false;
  if (deadline.prev === undefined) head = deadline.next;
  else deadline.prev.next = deadline.next;
  if (deadline.next !== undefined) deadline.next.prev = deadline.prev;
  deadline.prev = deadline.next = undefined;
  if (deadline.held) {
    deadline.held = false;
    // Left armed but unref'd: the next call's clocks reuse the timer instead of arming a new one.
    if (--held === 0) letGo();
  }
}

/** Whether `deadline` keeps the process alive; `false` once a stream belongs to its consumer. */
export function holdDeadline(deadline: Deadline, hold: boolean): void {
  if (!deadline.linked || deadline.held === hold) return;
  deadline.held = hold;
  if (hold) {
    if (held++ === 0 && timer !== undefined) timer.ref?.();
  } else if (--held === 0) letGo();
}

/**
 * Nothing held: the timer no longer keeps the process alive. At once, not
 * deferred: a call that spans turns of the event loop (any real one) would
 * pay a deferred callback each time, more than `unref` itself costs. Only a
 * Node-style timer can let go: Edge and browser timers have no `unref`.
 */
function letGo(): void {
  timer?.unref?.();
}

function earliest(): number {
  let at = Number.POSITIVE_INFINITY;
  for (let node = head; node !== undefined; node = node.next) if (node.at < at) at = node.at;
  return at;
}

function arm(at: number): void {
  if (timer !== undefined) clearWith?.(timer);
  timer = undefined;
  timerAt = at;
  armedWith = globalThis.setTimeout;
  clearWith = globalThis.clearTimeout;
  if (at === Number.POSITIVE_INFINITY) return;
  timer = armedWith(sweep, Math.min(MAX_TIMER_MS, Math.max(0, at - Date.now())));
  if (held === 0) timer.unref?.();
}

function sweep(): void {
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
  const now = Date.now();
  const due: Deadline[] = [];
  for (let node = head; node !== undefined; node = node.next) if (node.at <= now) due.push(node);
  for (const deadline of due) stopDeadline(deadline);
  // Fired after the list is settled: a clock's abort may start or stop other clocks.
  for (const deadline of due) deadline.fire();
  // A clock started by a fire armed the timer for itself alone: an earlier one still linked comes first.
  const next = earliest();
  if (timer === undefined || next < timerAt) arm(next);
}
