/**
 * Bad input for a server's certificate profile or faults: names the field (`faults[1].latency`) and what
 * is allowed. Raised before anything changes, so the running organization stays as it was.
 */
export class ServerSettingError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ServerSettingError';
  }
}
