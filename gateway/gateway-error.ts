import { CodedError } from '../sim/coded-error.ts';

/** Stable codes for every error the IM&P side reports, with the HTTP status each one answers. */
export const GATEWAY_ERROR_STATUS = {
  INVALID_HOST: 400,
  INVALID_PORT: 400,
  INVALID_VALUE: 400,
  DUPLICATE_GATEWAY: 409,
  UNKNOWN_GATEWAY: 404,
  UNKNOWN_USER: 404,
  UNKNOWN_PARAMETER: 400,
  PARAMETER_OUT_OF_RANGE: 400,
  NOT_A_CERTIFICATE: 400,
  EXPIRED_CA: 400,
  DUPLICATE_CERTIFICATE: 409,
  UNKNOWN_CERTIFICATE: 404,
  UNKNOWN_STORE: 404,
  NOT_A_SELECT: 400,
  SQL_ERROR: 400,
  ENGINE_STATE: 409,
  NODE_NOT_RUNNING: 400,
} as const satisfies Record<string, number>;

/** Scripts match on these, people read the message. */
export type GatewayErrorCode = keyof typeof GATEWAY_ERROR_STATUS;

/** The one error class of the gateway side; `field` names the input at fault when there is one. */
export class GatewayError extends CodedError<GatewayErrorCode> {
  override name = 'GatewayError';
  protected readonly statuses = GATEWAY_ERROR_STATUS;
}
