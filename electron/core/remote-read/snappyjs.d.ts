// Types for snappyjs (block format, as Prometheus's remote_read uses); the package ships none.
declare module 'snappyjs' {
  export function compress<T extends ArrayBuffer | Uint8Array | Buffer>(input: T): T;
  export function uncompress<T extends ArrayBuffer | Uint8Array | Buffer>(input: T, maxLength?: number): T;
}
