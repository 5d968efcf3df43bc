/**
 * A box for card secrets (number, expiry, CVV) travelling from a form to the request that needs
 * them. Its content never shows up in JSON, string conversion, structured clones or inspectors:
 * machine events can carry it without the secret reaching a snapshot, a log or an inspector.
 */
const contents = new WeakMap<Sealed<unknown>, unknown>();

export class Sealed<T> {
  constructor(value: T) {
    contents.set(this, value);
    Object.freeze(this);
  }
  toJSON(): string {
    return '[sealed]';
  }
  toString(): string {
    return '[sealed]';
  }
}

/** Seals a secret for the machine. */
export const seal = <T>(value: T): Sealed<T> => new Sealed(value);

/** Opens a sealed secret; only the code that sends it to Vault should call this. */
export function unseal<T>(box: Sealed<T>): T {
  if (!contents.has(box)) throw new TypeError('Not a sealed value');
  return contents.get(box) as T;
}
