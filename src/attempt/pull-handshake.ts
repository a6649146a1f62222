/**
 * The handshake between a read loop that fills a stream and that stream's
 * `pull`. The loop runs on its own while the stream has room and parks when
 * it is full; `pull` wakes it. The promise `pull` returns settles only when
 * the loop parks again, so while the loop keeps up with its consumer the
 * stream does not call `pull` per part (it waits for that promise).
 */
export class PullHandshake {
  private wake: (() => void) | undefined;
  private pulling: (() => void) | undefined;

  /** The loop waits for the stream's next `pull`. */
  park(): Promise<void> {
    return new Promise<void>(resolve => {
      this.wake = resolve;
      this.settlePull();
    });
  }

  /** The stream's `pull`: wakes a parked loop. */
  pull(): Promise<void> {
    const waiting = this.wake;
    this.wake = undefined;
    return new Promise<void>(resolve => {
      this.pulling = resolve;
      waiting?.();
    });
  }

  /** The loop is over: a parked loop and a pending `pull` both go on. */
  release(): void {
    const waiting = this.wake;
    this.wake = undefined;
    waiting?.();
    this.settlePull();
  }

  private settlePull(): void {
    const pulling = this.pulling;
    this.pulling = undefined;
    pulling?.();
  }
}
