// The encrypted driver ships types its package "exports" map hides from TypeScript (TS7016); its API
// is better-sqlite3's, so borrow those. Cipher settings go through db.pragma().
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3';
  export = Database;
}
