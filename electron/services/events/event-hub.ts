import { events, type EventName, type EventPayload } from '../../../shared/api/channels';

export type EventSink = (event: EventName, payload: unknown) => void;

/** Fan-out of main → renderer events to whichever transports are attached. */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    // Checked here so a transport never forwards a payload the renderer's types do not describe.
    const checked = events[event].parse(payload);
    for (const sink of this.sinks) sink(event, checked);
  }

  attach(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }
}
