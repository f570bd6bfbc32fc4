/**
 * What the mock backend "sent": emails (with their link), SMS codes and postal letters. A person
 * following a flow in the demo reads them in `<cibtp-mock-outbox>`; a test reads them with `last()`.
 */

export type OutboxKind = 'email' | 'sms' | 'letter';

export interface OutboxMessage {
  id: string;
  kind: OutboxKind;
  to: string;
  subject: string;
  body: string;
  /** The link of an email (reset, activation, certification). */
  link?: string;
  /** The code of an SMS or of a confidential code letter. */
  code?: string;
  sentAt: string;
}

export interface Outbox {
  /** Every message, oldest first (a copy). */
  list(): OutboxMessage[];
  /** The newest message matching `filter`. */
  last(filter?: Partial<Pick<OutboxMessage, 'kind' | 'to'>>): OutboxMessage | undefined;
  /** Called with the whole list on every change; returns an unsubscribe function. */
  subscribe(listener: (messages: OutboxMessage[]) => void): () => void;
  clear(): void;
}

/** The backend's side of the outbox: only the mock sends. */
export interface OutboxWriter extends Outbox {
  send(message: Omit<OutboxMessage, 'id' | 'sentAt'>): OutboxMessage;
}

export function createOutbox(now: () => Date): OutboxWriter {
  let messages: OutboxMessage[] = [];
  let sequence = 0;
  const listeners = new Set<(messages: OutboxMessage[]) => void>();

  function notify(): void {
    for (const listener of listeners) {
      // A failing listener (a detached view) must not stop the backend from answering.
      try {
        listener(messages.map((m) => ({ ...m })));
      } catch (error) {
        console.error('[mock outbox] listener failed', error);
      }
    }
  }

  return {
    list: () => messages.map((m) => ({ ...m })),
    last(filter = {}) {
      for (let i = messages.length - 1; i >= 0; i--) {
        const m = messages[i];
        if (m && (filter.kind === undefined || m.kind === filter.kind) && (filter.to === undefined || m.to === filter.to)) {
          return { ...m };
        }
      }
      return undefined;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      messages = [];
      notify();
    },
    send(message) {
      sequence += 1;
      const stored: OutboxMessage = { ...message, id: `msg-${sequence}`, sentAt: now().toISOString() };
      messages = [...messages, stored];
      notify();
      return { ...stored };
    },
  };
}
