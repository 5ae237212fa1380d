// Reads a Server-Sent Events body the way a browser's EventSource does (eventsource-parser).
import { createParser, type EventSourceMessage } from 'eventsource-parser'

export type SseEvent = { event: string; id?: string; data: unknown }

/**
 * Collects the stream's events until it ends or stop(events) holds; stopping cancels the
 * stream, as a browser closing the page does.
 */
export async function readEvents(
  stream: ReadableStream<Uint8Array>,
  stop: (events: SseEvent[]) => boolean = () => false,
): Promise<SseEvent[]> {
  const events: SseEvent[] = []
  const parser = createParser({
    onEvent: (e: EventSourceMessage) =>
      events.push({ event: e.event ?? 'message', id: e.id, data: JSON.parse(e.data) }),
  })
  const reader = stream.getReader()
  const decoder = new TextDecoder()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return events
    parser.feed(decoder.decode(value, { stream: true }))
    if (stop(events)) {
      await reader.cancel()
      return events
    }
  }
}

/** The output events' text of one stream, joined in order. */
export function outputText(events: SseEvent[], stream: 'stdout' | 'stderr') {
  return events
    .filter((e) => e.event === 'output')
    .map((e) => e.data as { stream: string; text: string })
    .filter((o) => o.stream === stream)
    .map((o) => o.text)
    .join('')
}
