'use client';

import { useChat } from '@ai-sdk/react';
import { type FormEvent, useState } from 'react';
import type { ChatMessage } from '../lib/chat-message';

export function Chat() {
  const { messages, sendMessage, status, error, stop } = useChat<ChatMessage>();
  const [input, setInput] = useState('');
  const busy = status === 'submitted' || status === 'streaming';

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = input.trim();
    if (text === '' || busy) return;
    setInput('');
    void sendMessage({ text });
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
                  {message.metadata.servedBy}
                </span>
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
