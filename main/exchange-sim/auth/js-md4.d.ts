// js-md4 ships no types; only the part the NTLM verifier uses. (Node 20's OpenSSL has MD4 disabled.)
declare module 'js-md4' {
  interface Md4 {
    (message: string | ArrayBuffer | Uint8Array | number[]): string;
    arrayBuffer(message: string | ArrayBuffer | Uint8Array | number[]): ArrayBuffer;
  }
  const md4: Md4;
  export default md4;
}
