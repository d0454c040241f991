declare module 'unidecode' {
  /** ASCII transliteration of a string. */
  export default function unidecode(text: string): string;
}
