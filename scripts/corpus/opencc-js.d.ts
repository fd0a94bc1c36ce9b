// opencc-js is installed only to build the corpus (`npm run corpus:deps`), not by `npm ci`.
declare module 'opencc-js' {
  export function Converter(options: { from: string; to: string }): (text: string) => string;
}
