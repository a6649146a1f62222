'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { type FormEvent, useState } from 'react';
import type { ChatMessage } from '../lib/chat-message';

/** The chat, posting to `api`: `/api/chat` (Node.js runtime) or `/api/chat/edge` (Edge runtime). */
export function Chat({ api = '/api/chat' }: { api?: string }) {
  const [transport] = useState(() => new DefaultChatTransport<ChatMessage>({ api }));
  const { messages, sendMessage, status, error, stop } = useChat<ChatMessage>({ transport });
  const [input, setInput] = useState('');
  const [primaryOnly, setPrimaryOnly] = useState(false);
  const busy = status === 'submitted' || status === 'streaming';

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = input.trim();
    if (text === '' || busy) return;
    setInput('');
    // Sent with the messages in the request body; the route turns it into providerOptions.fallback.
    void sendMessage({ text }, { body: { primaryOnly } });
  }

  return (
    <section className="chat">
      <ol className="messages">
        {messages.filter(isVisible).map(message => (
          <li key={message.id} className={`message ${message.role}`} data-testid={`message-${message.role}`}>
            <div className="text">{textOf(message)}</div>
            {message.role === 'assistant' && message.metadata?.servedBy != null && (
              <div className="served">
                <span className={`badge ${message.metadata.fellBack ? 'fallback' : ''}`} data-testid="served-by">
                  {message.metadata.fellBack ? 'fallback · ' : ''}
                  {message.metadata.primaryOnly ? 'primary only · ' : ''}
                  {message.metadata.servedBy}
                </span>
                {message.metadata.runtime === 'edge' && (
                  <span className="runtime" data-testid="runtime">
                    edge runtime
                  </span>
                )}
                {message.metadata.caught?.length ? (
                  <span className="caught" data-testid="caught">
                    after {message.metadata.caught.join(', ')}
                  </span>
                ) : null}
              </div>
            )}
          </li>
        ))}
        {status === 'submitted' && (
          <li className="message assistant pending" data-testid="pending">
            …
          </li>
        )}
      </ol>

      {error != null && (
        <div className="error" role="alert" data-testid="chat-error">
          {error.message}
        </div>
      )}

      <form onSubmit={submit}>
        <input
          aria-label="Message"
          placeholder="Ask something…"
          value={input}
          onChange={event => setInput(event.target.value)}
        />
        <label className="toggle">
          <input
            type="checkbox"
            checked={primaryOnly}
            onChange={event => setPrimaryOnly(event.target.checked)}
            data-testid="primary-only"
          />
          primary only
        </label>
        {busy ? (
          <button type="button" onClick={() => void stop()} data-testid="stop">
            Stop
          </button>
        ) : (
          <button type="submit" disabled={input.trim() === ''} data-testid="send">
            Send
          </button>
        )}
      </form>
    </section>
  );
}

function textOf(message: ChatMessage): string {
  return message.parts.map(part => (part.type === 'text' ? part.text : '')).join('');
}

/** A turn that failed before any text leaves an empty assistant message: the error box speaks for it. */
function isVisible(message: ChatMessage): boolean {
  return message.role !== 'assistant' || textOf(message) !== '';
}
