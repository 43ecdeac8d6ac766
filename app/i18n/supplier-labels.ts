// A supplier's settings as its form writes them, for lists and their downloads: the date order as
// a pattern, a language by its own name.
export const DATE_ORDER = { dmy: "dd/mm/yyyy", mdy: "mm/dd/yyyy" } as const;
export const LANGUAGE_NAME = { es: "Español", "pt-BR": "Português", en: "English" } as const;
