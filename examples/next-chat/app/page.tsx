import { Chat } from './chat';

export default function Page() {
  return (
    <main>
      <header>
        <h1>ai-sdk-fallback chat</h1>
        <p>
          OpenAI → OpenRouter → Azure behind one <code>useChat</code>. The badge under each answer names the model that
          wrote it.
        </p>
        <nav>
          Node.js runtime · <a href="/edge">the same chat on the Edge runtime</a>
        </nav>
      </header>
      <Chat />
    </main>
  );
}
