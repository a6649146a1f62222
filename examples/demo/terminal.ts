/** Colours that are plain text when colour is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or TERM is dumb. */
export function wantsColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb';
}

export function createStyle(enabled: boolean): Style {
  const sgr = (open: number, close: number) => (text: string) =>
    enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text;
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Writes lines and streamed text to one stream, with a spinner on the line
 * below while something is awaited. The spinner exists only on a TTY: piped
 * output stays plain lines. Its timer is unref'd, so it never keeps the
 * process alive.
 */
export class Terminal {
  readonly style: Style;
  readonly #out: NodeJS.WriteStream;
  readonly #animate: boolean;
  #label: (() => string) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #frame = 0;
  #midLine = false;

  constructor(out: NodeJS.WriteStream, env: NodeJS.ProcessEnv) {
    this.#out = out;
    this.#animate = Boolean(out.isTTY);
    this.style = createStyle(wantsColor(out, env));
  }

  /** One full line; ends streamed text first so lines never run into it. */
  line(text = ''): void {
    this.#erase();
    if (this.#midLine) this.#out.write('\n');
    this.#midLine = false;
    this.#out.write(`${text}\n`);
    this.#draw();
  }

  /** Streamed text, written as it comes. */
  text(delta: string): void {
    this.spin(undefined);
    this.#out.write(delta);
    this.#midLine = !delta.endsWith('\n');
  }

  /** Shows `label` with a spinner until the next call (`undefined` hides it). */
  spin(label: (() => string) | undefined): void {
    this.#erase();
    this.#label = this.#animate ? label : undefined;
    if (this.#label === undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    this.#timer ??= setInterval(() => {
      this.#frame = (this.#frame + 1) % FRAMES.length;
      this.#erase();
      this.#draw();
    }, 80).unref();
    this.#draw();
  }

  #draw(): void {
    if (this.#label === undefined || this.#midLine) return;
    this.#out.write(this.style.cyan(`${FRAMES[this.#frame]} ${this.#label()}`));
  }

  #erase(): void {
    if (this.#label !== undefined && !this.#midLine) this.#out.write('\r\x1b[2K');
  }
}
