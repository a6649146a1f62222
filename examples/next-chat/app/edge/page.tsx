import { Chat } from '../chat';

export default function EdgePage() {
  return (
    <main>
      <header>
        <h1>ai-sdk-fallback chat (Edge runtime)</h1>
        <p>
          The same chain behind <code>/api/chat/edge</code>, a route with <code>export const runtime = 'edge'</code>: no
          Node built-ins, Web streams and <code>fetch</code> only.
        </p>
        <nav>
          <a href="/">the same chat on the Node.js runtime</a> · Edge runtime
        </nav>
      </header>
      <Chat api="/api/chat/edge" />
    </main>
  );
}
