/** Stable codes for every error the IM&P side reports; scripts match on these, people read the message. */
export type GatewayErrorCode =
  | 'INVALID_HOST'
  | 'INVALID_PORT'
  | 'INVALID_VALUE'
  | 'DUPLICATE_GATEWAY'
  | 'UNKNOWN_GATEWAY'
  | 'UNKNOWN_USER'
  | 'UNKNOWN_PARAMETER'
  | 'PARAMETER_OUT_OF_RANGE'
  | 'NOT_A_CERTIFICATE'
  | 'EXPIRED_CA'
  | 'DUPLICATE_CERTIFICATE'
  | 'UNKNOWN_CERTIFICATE'
  | 'UNKNOWN_STORE'
  | 'NOT_A_SELECT'
  | 'SQL_ERROR'
  | 'ENGINE_STATE'
  | 'NODE_NOT_RUNNING';

/** The one error class of the gateway side; `field` names the input at fault when there is one. */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}
