/** Types for the NTLM packages (they ship none): only what pgsim calls. */
declare module 'js-md4' {
  const md4: { arrayBuffer(message: Uint8Array | string): ArrayBuffer; hex(message: Uint8Array | string): string };
  export default md4;
}

declare module '@ewsjs/ntlm-client' {
  export interface Type2Message {
    flags: number;
    encoding: 'ascii' | 'ucs2';
    version: 1 | 2;
    challenge: Buffer;
    targetName: string;
    targetInfo?: { buffer: Buffer };
  }
  /** A CommonJS module: import its default export (Node cannot see named exports built as an object literal). */
  const ntlmClient: {
    createType1Message(workstation?: string, target?: string): string;
    decodeType2Message(header: string): Type2Message;
    createType3Message(
      type2: Type2Message,
      username: string,
      password: string,
      workstation?: string,
      target?: string,
    ): string;
  };
  export default ntlmClient;
}
