import type { StreamSpec } from '../versions/stream-spec';

/**
 * What a stream has shown its consumer so far, for `midStream: 'continue'`:
 * the text (the next model's prefill), whether it was text only (a tool
 * call or file cannot be continued), and the open text block, so a
 * continuation's text lands inside the block the consumer already has open.
 */
export class TextLedger<PART> {
  text = '';
  textOnly = true;
  private openTextId: string | undefined;
  private readonly renamed = new Map<string, string>();

  constructor(private readonly spec: StreamSpec<PART>) {}

  /** Records a part on its way to the consumer; returns it moved into the open block where it continues one. */
  track(part: PART): PART {
    const { spec } = this;
    const block = spec.textBlockOf(part);
    if (block !== undefined) {
      const renamed = this.renamed.get(block.id);
      if (renamed !== undefined) part = spec.withTextBlock(part, renamed);
      const id = renamed ?? block.id;
      if (block.phase === 'start') this.openTextId = id;
      else if (block.phase === 'end' && this.openTextId === id) this.openTextId = undefined;
    }
    const delta = spec.textOf(part);
    if (delta !== undefined) this.text += delta;
    else if (spec.isOutput(part)) this.textOnly = false;
    return part;
  }

  /** Of a continuation's held parts, those the consumer gets: its output, inside the block already open. */
  continuationHead(head: readonly PART[]): PART[] {
    const { spec } = this;
    const shown: PART[] = [];
    for (const part of head) {
      const block = spec.textBlockOf(part);
      if (block?.phase === 'start' && this.openTextId !== undefined) {
        this.renamed.set(block.id, this.openTextId);
      } else if (block?.phase === 'start' || spec.isOutput(part) || spec.isFinish(part)) {
        shown.push(part);
      }
    }
    return shown;
  }
}
