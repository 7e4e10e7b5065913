import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { generateSynthetic, type SynthOptions } from '../../core/linkage/index.js';

/** Writes synthetic lists and their truth; returns the number of rows. */
export async function synthFiles(
  options: SynthOptions & { output: string; truth: string },
): Promise<number> {
  const rows = generateSynthetic(options);
  const data: string[][] = [
    [
      'source',
      'record_id',
      'name',
      'name_latin',
      'sex',
      'age',
      'birth_date',
      'death_date',
      'id_number',
    ],
  ];
  const truth: string[][] = [['source', 'record_id', 'entity']];
  for (const r of rows) {
    data.push([
      r.source,
      r.recordId,
      r.name,
      r.nameLatin,
      r.sex,
      r.age,
      r.birthDate,
      r.deathDate,
      r.idNumber,
    ]);
    truth.push([r.source, r.recordId, r.entity]);
  }
  await writeFile(options.output, stringify(data));
  await writeFile(options.truth, stringify(truth));
  return rows.length;
}
