import type { Database } from '../../src/db/database.js';
import { importFile } from '../../src/services/import/import-file.js';
import { decidePair } from '../../src/services/register-linkage/index.js';
import { tempDir } from './temp-files.js';

/**
 * A small register whose facet counts and breakdowns are worked out by hand in the tests: two
 * lists, one restricted record, unknown values of every kind, and one person on both lists
 * (joined by a reviewer's "same" decision, as linkage would).
 *
 * Northern list (7 records, the last restricted) and southern list (3 records):
 *   N1 أحمد محمود الخطيب  male 34      2013-08-21  Syria / Rif Dimashq  killed
 *   N2 سعيد الأحمد        male 17      2014-02     Syria / Aleppo       detained
 *   N3 فاطمة الزهراء علي  female 29    2012        Syria / Homs         killed
 *   N4 مريم حسن           female child 2013-08     Syria / Rif Dimashq  killed
 *   N5 خالد عمر           male 65      2013-08-22  Syria / Rif Dimashq  died_under_torture
 *   N6 سلمى يوسف          female 8     2014-03-02  Syria / Aleppo       injured
 *   N7 نور الهدى          female 40    2013-09-01  Syria / Homs         killed (restricted)
 *   S1 احمد محمود الخطيب  male 34      2013-08-21  Syria / Rif Dimashq  killed  (= N1)
 *   S2 ليلى               female —     —           — / Daraa            forcibly_disappeared
 *   S3 عمر                —      70    2013-02-01/2015-01-01 Syria / Daraa  killed
 */
export async function importFacetsRegister(db: Database): Promise<{ cleanup: () => void }> {
  const files = tempDir();
  await importFile(db, {
    path: files.file(
      'north.csv',
      [
        'name,name_latin,sex,age,age_category,event_date,place_country,place_governorate,violation,confidentiality',
        'أحمد محمود الخطيب,Ahmad Mahmoud al-Khatib,male,34,,2013-08-21,Syria,Rif Dimashq,killed,public',
        'سعيد الأحمد,Saeed al-Ahmad,male,17,,2014-02,Syria,Aleppo,detained,public',
        'فاطمة الزهراء علي,Fatima al-Zahraa Ali,female,29,,2012,Syria,Homs,killed,public',
        'مريم حسن,Maryam Hasan,female,,child,2013-08,Syria,Rif Dimashq,killed,public',
        'خالد عمر,Khaled Omar,male,65,,2013-08-22,Syria,Rif Dimashq,died_under_torture,public',
        'سلمى يوسف,Salma Yousef,female,8,,2014-03-02,Syria,Aleppo,injured,public',
        'نور الهدى,Nour al-Huda,female,40,,2013-09-01,Syria,Homs,killed,restricted',
      ].join('\n'),
    ),
    source: 'north-list',
    createSource: { nameEn: 'Northern list', nameAr: 'قائمة الشمال' },
    actor: 'test',
  });
  await importFile(db, {
    path: files.file(
      'south.csv',
      [
        'name,sex,age,event_date,place_country,place_governorate,violation',
        'احمد محمود الخطيب,male,34,2013-08-21,Syria,Rif Dimashq,killed',
        'ليلى,female,,,,Daraa,forcibly_disappeared',
        'عمر,,70,2013-02-01/2015-01-01,Syria,Daraa,killed',
      ].join('\n'),
    ),
    source: 'south-list',
    createSource: { nameEn: 'Southern list', nameAr: 'قائمة الجنوب' },
    actor: 'test',
  });
  const ids = await db.query<{ id: number }>(
    `SELECT id FROM record WHERE name IN ('أحمد محمود الخطيب', 'احمد محمود الخطيب') ORDER BY id`,
  );
  await decidePair(db, {
    recordA: ids[0]!.id,
    recordB: ids[1]!.id,
    decision: 'same',
    actor: 'test',
  });
  return { cleanup: () => files.cleanup() };
}
