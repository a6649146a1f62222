import type { FakeRequest } from './fake-request';
import type { ResolvedFakeStep } from './fake-step';
import type { WireError } from './wire-errors';

/** The reasoning item a Responses answer carries (a `{ reasoning }` step). */
export interface FakeReasoningItem {
  id: string;
  /** The summary text. */
  text: string;
  /** Present when the request asked for it (`include: ['reasoning.encrypted_content']`). */
  encryptedContent?: string;
}

/** Where a request was sent: the base path (before `/responses`, `/chat/completions`, `/deployments/`) and its key. */
export function accountOf(path: string, headers: Record<string, string>): string {
  const base = path.replace(/\/(deployments\/.*|responses|chat\/completions)$/, '');
  return `${base} ${headers.authorization ?? headers['api-key'] ?? ''}`;
}

/**
 * The Responses API's items, as the real one keeps them: each answer's items
 * (`msg_…`, `rs_…`) and encrypted reasoning belong to the account that got
 * them, and items are kept only when the request stored them (`store` is not
 * false). A later request that refers to an item or sends encrypted content
 * its own account was not given is refused with the real API's error: 404
 * `Item with id '…' not found.`, 400 `invalid_encrypted_content`.
 */
export class FakeItems {
  readonly #items = new Map<string, { account: string; stored: boolean }>();
  readonly #encrypted = new Map<string, string>();

  clear(): void {
    this.#items.clear();
    this.#encrypted.clear();
  }

  /** The refusal of a Responses request whose input holds a reference this account may not use. */
  refusal(request: FakeRequest): WireError | undefined {
    const input: unknown = request.body?.input;
    if (request.api !== 'responses' || !Array.isArray(input)) return undefined;
    for (const item of input as { type?: unknown; id?: unknown; encrypted_content?: unknown }[]) {
      if (item?.type === 'item_reference' && typeof item.id === 'string') {
        const known = this.#items.get(item.id);
        if (known?.account === request.account && known.stored) continue;
        const unstored = known?.account === request.account ? UNSTORED : '';
        return refusal(404, `Item with id '${item.id}' not found.${unstored}`, 'input', null);
      }
      if (item?.type === 'reasoning' && typeof item.encrypted_content === 'string') {
        if (this.#encrypted.get(item.encrypted_content) === request.account) continue;
        const shown = `${item.encrypted_content.slice(0, 4)}...${item.encrypted_content.slice(-4)}`;
        return refusal(400, `The encrypted content ${shown} could not be verified.`, null, 'invalid_encrypted_content');
      }
    }
    return undefined;
  }

  /** Records the items a full answer to `request` gives its account; the reasoning item, for a `{ reasoning }` step. */
  issue(step: ResolvedFakeStep, request: FakeRequest): FakeReasoningItem | undefined {
    if (request.api !== 'responses' || !answersInFull(step)) return undefined;
    const account = { account: request.account, stored: request.body?.store !== false };
    this.#items.set(`msg_fake${request.id}`, account);
    if (typeof step !== 'object' || !('reasoning' in step)) return undefined;
    const id = `rs_fake${request.id}`;
    this.#items.set(id, account);
    const include: unknown = request.body?.include;
    if (!Array.isArray(include) || !include.includes('reasoning.encrypted_content'))
      return { id, text: step.reasoning };
    // Opaque, and unique per item: nothing in it names the account.
    const encryptedContent = `gAAAAB${btoa(`fake-reasoning-${request.id}-${this.#encrypted.size}`)}`;
    this.#encrypted.set(encryptedContent, request.account);
    return { id, text: step.reasoning, encryptedContent };
  }
}

const UNSTORED =
  ' Items are not persisted when `store` is set to false. Try again with `store` set to true, or remove this item from your input.';

function refusal(status: number, message: string, param: string | null, code: string | null): WireError {
  return { status, headers: {}, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

/** Steps that send a whole answer, whose items the account then has. */
function answersInFull(step: ResolvedFakeStep): boolean {
  if (step === 'ok') return true;
  if (typeof step !== 'object') return false;
  return !('status' in step || 'cutAfterTokens' in step || 'stallAfterTokens' in step || 'errorAfterTokens' in step);
}
