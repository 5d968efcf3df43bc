/**
 * JSON reading and writing that keep numbers exact: card numbers and amounts are written
 * with their digits verbatim (a 19-digit PAN is not a safe JS integer), and ids are read
 * from their source text.
 */

/** A number to be written into JSON exactly as these digits. */
export class RawNumber {
  readonly text: string;
  constructor(text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError('RawNumber takes plain decimal digits');
    this.text = text;
  }
}

/** `JSON.stringify` in which every `RawNumber` becomes a bare number literal with its digits. */
export function stringifyWithRawNumbers(value: unknown): string {
  const raw: string[] = [];
  const tag = `\u0000raw${Math.random().toString(36).slice(2)}:`;
  const json = JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof RawNumber) {
      raw.push(item.text);
      return `${tag}${raw.length - 1}`;
    }
    return item;
  });
  if (raw.length === 0) return json;
  // The tag's NUL is escaped by JSON.stringify, so match it in its escaped form.
  const escapedTag = JSON.stringify(tag).slice(1, -1).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return json.replace(new RegExp(`"${escapedTag}(\\d+)"`, 'g'), (_match, index: string) => raw[Number(index)] ?? 'null');
}

type ReviverContext = { source?: string } | undefined;

/**
 * `JSON.parse` that turns the numbers under the given keys into strings of their source digits
 * (exact even past 2^53 where the engine offers the source text, `String(n)` elsewhere).
 */
export function parseJsonKeepingDigits(text: string, keys: ReadonlySet<string>): unknown {
  const reviver = (key: string, value: unknown, context?: ReviverContext): unknown =>
    typeof value === 'number' && keys.has(key) ? (context?.source ?? String(value)) : value;
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown);
}
