/** Why an EWS call failed, as one closed union; recovery decisions key on `kind`. */
export type EwsFailureKind =
  | 'tls'
  | 'network'
  | 'timeout'
  | 'unauthorized'
  | 'http'
  | 'fault'
  | 'response'
  | 'queue-full'
  | 'malformed';

export class EwsCallError extends Error {
  constructor(
    readonly kind: EwsFailureKind,
    message: string,
    readonly details: { code?: string; status?: number; backOffMs?: number; host?: string } = {},
  ) {
    super(message);
    this.name = 'EwsCallError';
  }

  get code(): string | undefined {
    return this.details.code;
  }
}
