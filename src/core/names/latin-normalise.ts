/**
 * Latin-script name normalisation for transliterated Arabic names: lower-cases, strips
 * accents and apostrophes (ʿ, ', `), and joins the particles that transliterators write
 * apart or together (al-/el-, Abu/Abou/Abo, Abd/Abdul/Abdel, bin/ibn) so token order
 * and count match the Arabic original.
 */

const JOIN_WITH_NEXT = new Set([
  'al',
  'el',
  'il',
  'ul',
  'ad',
  'an',
  'ar',
  'as',
  'at',
  'az',
  'ash',
  'abu',
  'abual',
  'abuel',
  'abou',
  'aboual',
  'abouel',
  'aboal',
  'aboel',
  'abo',
  'aboo',
  'bu',
  'abd',
  'abdul',
  'abdel',
  'abdal',
  'abdil',
  'um',
  'umm',
  'om',
  'oum',
]);

/** Spellings of the article "al-", including sun-letter assimilations (ash-Shawa, ad-Din). */
const ARTICLES = new Set(['al', 'el', 'il', 'ul', 'ad', 'an', 'ar', 'as', 'at', 'az', 'ash']);

/** Second halves of compound given names written apart (Nour al-Din, Abd Allah, Saif ul-Islam). */
const JOIN_WITH_PREVIOUS = new Set([
  'allah',
  'alla',
  'ullah',
  'ulla',
  'illah',
  'eldin',
  'aldin',
  'uddin',
  'udin',
  'addin',
  'eddin',
  'eddine',
  'deen',
  'din',
  'aldeen',
  'eldeen',
  'uddeen',
  'addeen',
  'alrahman',
  'errahman',
  'urrahman',
  'arrahman',
  'alislam',
  'ulislam',
  'elislam',
]);

/** Latin words that stand in for a missing name. */
const PLACEHOLDERS = new Set(['unknown', 'unidentified', 'na', 'n', 'un', 'child', 'infant', 'x']);

/**
 * Machine transliterations of PDF-damaged Arabic carry the damage over: "هللا" (for
 * الله) becomes "Hlla" ("Abd Hlla", "Atahlla"). Written back as "allah".
 */
function repairAllah(w: string): string {
  if (w === 'hlla' || w === 'hllah') return 'allah';
  if (w.length > 5 && (w.endsWith('hlla') || w.endsWith('hllah')))
    return w.slice(0, w.lastIndexOf('hlla')) + 'allah';
  return w;
}

/**
 * Normalises a Latin-script name cell into tokens.
 * "Mohammed el-Masri" → ["mohammed", "elmasri"]; "Abd Al Rahman" → ["abdalrahman"].
 */
export function normaliseLatinName(raw: string): string[] {
  const plain = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ʿʾ'`’‘]/g, '');
  const words = plain
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0 && !PLACEHOLDERS.has(w))
    .map(repairAllah);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i] ?? '';
    // Chains of particles: "abd al rahman", "abu el haj". The article in any of its
    // spellings (el, ash-, ad-) is written "al" so that it can be recognised later.
    while (JOIN_WITH_NEXT.has(w) && i + 1 < words.length) {
      w =
        (ARTICLES.has(w)
          ? 'al'
          : w.endsWith('el') || w.endsWith('ul')
            ? w.slice(0, -2) + 'al'
            : w) + (words[i + 1] ?? '');
      i++;
    }
    const prev = out.length - 1;
    if (JOIN_WITH_PREVIOUS.has(w) && prev >= 0) {
      out[prev] = (out[prev] ?? '') + w;
      continue;
    }
    out.push(w);
  }
  return out.filter((w) => w.length > 1);
}
