import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MONITOR_SOURCE, writeEvaluationSets } from '../../src/services/linkage/index.js';

describe('held-out evaluation sets', () => {
  it('splits consecutive sources and builds a short-form monitor list with truth', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sijil-sets-'));
    try {
      const lines = ['source,record_id,name,name_latin,sex,age,birth_date,death_date'];
      const truth = ['source,record_id,entity'];
      for (const s of ['r1', 'r2', 'r3'])
        for (let i = 1; i <= 30; i++) {
          lines.push(
            `${s},${i},محمد احمد علي النجار,Muhammad Ahmed Ali al-Najjar,m,30,1994-01-0${(i % 9) + 1},`,
          );
          truth.push(`${s},${i},${i}`);
        }
      writeFileSync(join(dir, 'in.csv'), lines.join('\n'));
      writeFileSync(join(dir, 'truth.csv'), truth.join('\n'));
      const sets = await writeEvaluationSets(join(dir, 'in.csv'), join(dir, 'truth.csv'), dir);
      expect(sets.map((s) => s.name)).toEqual(['split-1-2', 'split-2-3', 'monitor-latin-short']);
      const monitor = sets[2];
      if (!monitor) throw new Error('no monitor set');
      expect(monitor.crossSource).toBe(MONITOR_SOURCE);
      const text = readFileSync(monitor.input, 'utf8');
      const rows = text.trim().split('\n').slice(1);
      const monitorRows = rows.filter((r) => r.startsWith(`${MONITOR_SOURCE},`));
      expect(monitorRows.length).toBeGreaterThan(0);
      // Monitor rows carry no birth date; the earlier source carries no Latin name.
      for (const r of monitorRows) expect(r.split(',')[6]).toBe('');
      for (const r of rows.filter((x) => x.startsWith('r2,'))) expect(r.split(',')[3]).toBe('');
      const t = readFileSync(monitor.truth, 'utf8');
      expect(t).toContain(`${MONITOR_SOURCE},`);
      expect(
        t
          .split('\n')
          .filter((l) => l.startsWith(`${MONITOR_SOURCE},`))
          .every((l) => !l.endsWith(',')),
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
