import { open } from 'node:fs/promises';
import { generateSynthetic, type SynthOptions } from '../../core/linkage/index.js';

/** Rows are written this many at a time. */
const CHUNK_ROWS = 20_000;

/** A CSV cell, quoted when it holds a comma, a quote or a line break. */
function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes synthetic lists and their truth in chunks; returns the number of rows. */
export async function synthFiles(
  options: SynthOptions & { output: string; truth: string },
): Promise<number> {
  const rows = generateSynthetic(options);
  const data = await open(options.output, 'w');
  const truth = await open(options.truth, 'w');
  try {
    await data.write('source,record_id,name,name_latin,sex,age,birth_date,death_date,id_number\n');
    await truth.write('source,record_id,entity\n');
    for (let from = 0; from < rows.length; from += CHUNK_ROWS) {
      let text = '';
      let truthText = '';
      for (const r of rows.slice(from, from + CHUNK_ROWS)) {
        text += `${[r.source, r.recordId, r.name, r.nameLatin, r.sex, r.age, r.birthDate, r.deathDate, r.idNumber].map(cell).join(',')}\n`;
        truthText += `${[r.source, r.recordId, r.entity].map(cell).join(',')}\n`;
      }
      await data.write(text);
      await truth.write(truthText);
    }
  } finally {
    await data.close();
    await truth.close();
  }
  return rows.length;
}
