// Server-sent events for the bridge: every contract event is written to every open stream, wire-encoded.
import type { ServerResponse } from 'node:http';
import { encodeWire } from '@shared/api/wire';
import type { EventSink } from '../api/handlers';

export class EventStreams {
  private readonly clients = new Set<ServerResponse>();

  attach(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  readonly emit: EventSink = (name, payload) => {
    const data = `data: ${encodeWire({ name, payload })}\n\n`;
    for (const c of this.clients) c.write(data);
  };

  closeAll(): void {
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
