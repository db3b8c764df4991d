// wink-lemmatizer and wink-porter2-stemmer ship no type declarations.
declare module 'wink-lemmatizer' {
  const lemmatizer: { verb(word: string): string; noun(word: string): string; adjective(word: string): string };
  export default lemmatizer;
}
declare module 'wink-porter2-stemmer' {
  export default function stem(word: string): string;
}
