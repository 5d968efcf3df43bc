/**
 * Makes `key` of `target` a value computed on first read and kept: an ordinary enumerable property
 * to whoever reads, spreads or compares the object.
 */
export function lazy<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}
