// Fault modes of the in-repo remote_read server, for the client's fault matrix, fuzzing and demos of failure.
// Each names one way a real server or network misbehaves.

export type ServerFault =
  | { kind: 'none' }
  /** Delay before the response and between frames / body pieces. */
  | { kind: 'slow'; delayMs: number }
  /** Read the request, then never answer (socket stays open). */
  | { kind: 'hang' }
  /** Send headers and part of the body, then reset the TCP connection. */
  | { kind: 'reset-mid-stream' }
  /** Streamed: corrupt the CRC of the first frame. */
  | { kind: 'bad-crc' }
  /** Streamed: end the body cleanly in the middle of a frame. */
  | { kind: 'truncated-frame' }
  /** Streamed: a frame header announcing `bytes` (default 64 MiB) bytes. */
  | { kind: 'oversized-frame'; bytes?: number }
  /** Answer with this HTTP status (default 503) and a short text body. */
  | { kind: 'http-status'; status?: number }
  /** Answer 200 with a text/html body. */
  | { kind: 'wrong-content-type' }
  /** Streamed: send every chunk with an encoding number no Prometheus defines (7), to exercise warnings. */
  | { kind: 'unknown-chunk-encoding' };

export type ServerFaultKind = ServerFault['kind'];
