import type { IntPairTable } from './int-pair-map.js';
import type { ChainFrequencies, NameFrequencies } from './name-frequencies.js';
import type { PreparedRecords } from './prepared-records.js';

type Typed =
  Int32Array | Int16Array | Uint8Array | Uint16Array | Uint32Array | Float64Array | Float32Array;

/**
 * A copy of `a` in shared memory. Posting it to a worker thread then shares it instead
 * of copying it again: every worker reads the same records and frequencies.
 */
export function shared<T extends Typed>(a: T): T {
  const Make = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Make(new SharedArrayBuffer(a.byteLength));
  (out as unknown as { set(source: ArrayLike<number>): void }).set(a);
  return out;
}

/** Prepared records with every column in shared memory. */
export function shareRecords(r: PreparedRecords): PreparedRecords {
  const n = r.names;
  return {
    count: r.count,
    name: shared(r.name),
    source: shared(r.source),
    sources: r.sources,
    sex: shared(r.sex),
    birth: shared(r.birth),
    age: shared(r.age),
    idNumber: shared(r.idNumber),
    flags: shared(r.flags),
    place: shared(r.place),
    names: {
      count: n.count,
      script: shared(n.script),
      flags: shared(n.flags),
      parts: shared(n.parts),
      chains: shared(n.chains),
      fullName: shared(n.fullName),
      joined: shared(n.joined),
      tokenStart: shared(n.tokenStart),
      tokens: shared(n.tokens),
      skeletons: shared(n.skeletons),
      alternateStart: shared(n.alternateStart),
      alternates: shared(n.alternates),
      packed: shared(n.packed),
    },
    strings: {
      count: r.strings.count,
      offsets: shared(r.strings.offsets),
      codes: shared(r.strings.codes),
    },
    packed: shared(r.packed),
  };
}

function shareTable(t: IntPairTable): IntPairTable {
  return { slots: shared(t.slots), mask: t.mask };
}

function shareChain(c: ChainFrequencies): ChainFrequencies {
  return {
    fields: shared(c.fields),
    size: c.size,
    lines: shareTable(c.lines),
    grandfathers: shareTable(c.grandfathers),
  };
}

/** Name frequencies in shared memory. */
export function shareFrequencies(f: NameFrequencies): NameFrequencies {
  return { ...shareChain(f), skeleton: shareChain(f.skeleton) };
}
