/**
 * Arabic attaches conjunctions, prepositions and the article to the word ("وباعتقال",
 * "للمعتقلين"). These give the bare forms a folded word can be read as, and say whether a
 * conjunction (و/ف) was taken off: "وإصابة" starts a new clause ("and the wounding of").
 */
export interface WordForm {
  form: string;
  afterConjunction: boolean;
}

const ARABIC_LETTERS = /^[\u0621-\u064a]+$/;

/** The forms of a folded word, the word itself first. Non-Arabic words have one form. */
export function wordForms(word: string): WordForm[] {
  const forms: WordForm[] = [{ form: word, afterConjunction: false }];
  if (!ARABIC_LETTERS.test(word)) return forms;
  const seen = new Set([word]);
  const add = (form: string, afterConjunction: boolean) => {
    if (form.length < 2 || seen.has(form)) return;
    seen.add(form);
    forms.push({ form, afterConjunction });
  };
  for (const conj of ['', 'و', 'ف']) {
    if (!word.startsWith(conj)) continue;
    const a = word.slice(conj.length);
    add(a, conj !== '');
    for (const prep of ['ب', 'ل', 'ك']) {
      if (a.startsWith(prep)) add(a.slice(1), conj !== '');
    }
    // لل is ل + ال with the alef dropped.
    if (a.startsWith('لل')) add(a.slice(2), conj !== '');
    for (const article of ['ال', 'بال', 'كال']) {
      if (a.startsWith(article)) add(a.slice(article.length), conj !== '');
    }
  }
  return forms;
}
