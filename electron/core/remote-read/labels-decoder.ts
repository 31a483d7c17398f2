// Decodes a prometheus.Label sub-message into a label set. Shared by the samples and chunk decoders.
import { DecodeError } from './errors';
import { F } from './proto/field-numbers';
import { WIRE_LEN, WireReader, utf8At } from './wire-reader';

/** Read one Label message occupying buf[start, end) into `into`. */
export function decodeLabelInto(buf: Uint8Array, start: number, end: number, into: Record<string, string>): void {
  const r = new WireReader(buf, start, end);
  let name = '';
  let value = '';
  while (!r.done()) {
    const tag = r.uvarint();
    const field = Math.floor(tag / 8);
    const wt = tag & 7;
    if (field === F.labelName && wt === WIRE_LEN) {
      const s = r.lengthDelimited();
      const e = r.fieldEnd;
      name = utf8At(buf, s, e);
    } else if (field === F.labelValue && wt === WIRE_LEN) {
      const s = r.lengthDelimited();
      const e = r.fieldEnd;
      value = utf8At(buf, s, e);
    } else r.skip(wt);
  }
  if (name === '') throw new DecodeError('decode', 'series label with an empty name');
  into[name] = value;
}
