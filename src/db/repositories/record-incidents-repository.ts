import type { Sql } from '../database.js';

/** An incident some of the given records are linked to. */
export interface LinkedIncident {
  id: number;
  titleEn: string | null;
  titleAr: string | null;
  date: { start: string | null; end: string | null; precision: string };
  place: {
    country: string | null;
    governorate: string | null;
    locality: string | null;
    site: string | null;
  };
  perpetrator: string | null;
  /** Which of the given records name it. */
  recordIds: number[];
}

interface Row {
  id: number;
  title_en: string | null;
  title_ar: string | null;
  date_start: string | null;
  date_end: string | null;
  date_precision: string;
  place_country: string | null;
  place_governorate: string | null;
  place_locality: string | null;
  place_site: string | null;
  perpetrator: string | null;
  record_ids: number[];
}

/** The incidents linked to any of `recordIds`, earliest first. */
export async function incidentsOfRecords(
  db: Sql,
  recordIds: readonly number[],
): Promise<LinkedIncident[]> {
  if (recordIds.length === 0) return [];
  const rows = await db.query<Row>(
    `SELECT i.id, i.title_en, i.title_ar, i.date_start::text AS date_start,
            i.date_end::text AS date_end, i.date_precision, i.place_country, i.place_governorate,
            i.place_locality, i.place_site, i.perpetrator,
            array_agg(ri.record_id ORDER BY ri.record_id) AS record_ids
       FROM record_incident ri JOIN incident i ON i.id = ri.incident_id
      WHERE ri.record_id = ANY($1::int[])
      GROUP BY i.id
      ORDER BY i.date_start NULLS LAST, i.id`,
    [[...recordIds]],
  );
  return rows.map((r) => ({
    id: r.id,
    titleEn: r.title_en,
    titleAr: r.title_ar,
    date: { start: r.date_start, end: r.date_end, precision: r.date_precision },
    place: {
      country: r.place_country,
      governorate: r.place_governorate,
      locality: r.place_locality,
      site: r.place_site,
    },
    perpetrator: r.perpetrator,
    recordIds: r.record_ids,
  }));
}
