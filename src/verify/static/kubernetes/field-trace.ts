/**
 * Unknown-field detection on top of the compiled `kubernetes-models` validators.
 *
 * The published validators are ajv standalone code without the JSON schema objects, and the Kubernetes
 * schemas do not set `additionalProperties: false`, so `replicaz` passes. But a compiled validator reads
 * every property its schema declares (`data.replicas`, `data.selector`, ...) and follows `$ref`s, array
 * `items`, `additionalProperties` maps and int-or-string unions on its own. So we validate a Proxy of the
 * manifest that records, for each object, which keys the validator read and whether it enumerated the
 * object (a map). Afterwards, any key present in the manifest but never read is a field the schema does
 * not declare. Objects the schema leaves free-form (no declared properties) are not read at all and are
 * accepted as they are.
 *
 *   const { value, unknownFields } = traceFields(manifest);
 *   Model.prototype.validate.call(value);       // runs the real validator on the proxy
 *   unknownFields()  // → [{ path: ['spec', 'replicaz'], key: 'replicaz', known: ['minReadySeconds', ...] }]
 *
 * `description` and `x-kubernetes-*` keys are never read (the generator drops them from the validators);
 * they are accepted where the object's type declares them (see declared-keys.ts).
 */
import { droppedKeysDeclaredWith } from './declared-keys.ts';

export interface UnknownField {
  /** Path to the unknown key, ending with the key itself. */
  path: (string | number)[];
  key: string;
  /** Fields the schema declares at that place, for "did you mean". */
  known: string[];
}

interface Trace {
  read: Set<string>;
  enumerated: boolean;
}

export interface FieldTracer {
  value: unknown;
  unknownFields(): UnknownField[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function traceFields(root: unknown): FieldTracer {
  const traces = new WeakMap<object, Trace>();
  const proxies = new WeakMap<object, object>();

  const wrap = (target: unknown): unknown => {
    if (!isObject(target)) return target;
    const existing = proxies.get(target);
    if (existing) return existing;
    const trace: Trace = { read: new Set(), enumerated: false };
    traces.set(target, trace);
    const proxy = new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver) as unknown;
        if (typeof key !== 'string') return value;
        trace.read.add(key);
        return Object.hasOwn(object, key) ? wrap(value) : value;
      },
      has(object, key) {
        if (typeof key === 'string') trace.read.add(key);
        return Reflect.has(object, key);
      },
      ownKeys(object) {
        trace.enumerated = true;
        return Reflect.ownKeys(object);
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };

  const unknownFields = (): UnknownField[] => {
    const found: UnknownField[] = [];
    const walk = (value: unknown, path: (string | number)[]): void => {
      if (!isObject(value)) return;
      const trace = traces.get(value);
      if (!trace) return; // never reached by the validator: under an unknown or free-form field
      if (Array.isArray(value)) {
        value.forEach((item, index) => walk(item, [...path, index]));
        return;
      }
      const keys = Object.keys(value);
      const declared = [...trace.read].filter((key) => key !== 'length');
      const freeForm = trace.enumerated || declared.length === 0;
      const dropped = !freeForm && keys.some((key) => !trace.read.has(key)) ? droppedKeysDeclaredWith(declared) : new Set<string>();
      for (const key of keys) {
        if (dropped.has(key)) continue;
        if (!freeForm && !trace.read.has(key)) {
          found.push({ path: [...path, key], key, known: [...declared, ...dropped].sort() });
        } else {
          walk(value[key], [...path, key]);
        }
      }
    };
    walk(root, []);
    return found;
  };

  return { value: wrap(root), unknownFields };
}
