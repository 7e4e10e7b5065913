/**
 * Worker-thread entry point for reading: prepares one range of a CSV's rows (the file's
 * bytes and row offsets are in shared memory) and sends back the partial records, their
 * buffers transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { prepareRows, type ColumnIndex } from './prepare-rows.js';

/** Message from the main thread. */
export interface PrepareRequest {
  readonly bytes: Uint8Array;
  readonly rowStart: Float64Array;
  readonly rowEnd: Float64Array;
  readonly from: number;
  readonly to: number;
  readonly columns: ColumnIndex;
}

parentPort?.on('message', (req: PrepareRequest) => {
  const out = prepareRows(req.bytes, req.rowStart, req.rowEnd, req.from, req.to, req.columns);
  const p = out.partial;
  const buffers = [
    out.keys,
    p.name,
    p.source,
    p.sex,
    p.rawBirth,
    p.rawAge,
    p.deathYear,
    p.idNumber,
    p.flags,
    p.place,
    ...Object.values(p.names).filter((v): v is Int32Array | Uint8Array => ArrayBuffer.isView(v)),
  ].map((a) => a.buffer as ArrayBuffer);
  parentPort?.postMessage(out, buffers);
});
