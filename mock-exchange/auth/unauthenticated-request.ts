import type { IncomingMessage } from 'node:http';
import { soapFault } from '../../ews/soap-response.ts';
import type { HttpReply } from '../http/reply.ts';

/** The most a request may carry before it has authenticated (an anonymous POST, an NTLM NEGOTIATE). */
export const MAX_UNAUTHENTICATED_BYTES = 64 * 1024;

const XML_TYPE = 'text/xml; charset=utf-8';

/**
 * Read and drop the body of a request that has not authenticated, then answer it with `refuse` (its 401); past
 * MAX_UNAUTHENTICATED_BYTES answer 413 instead and close the connection, so an anonymous client cannot make
 * the server read megabytes.
 */
export function refuseUnauthenticated(req: IncomingMessage, res: HttpReply, refuse: () => void): void {
  const tooLarge = () => {
    res
      .status(413)
      .setHeader('Connection', 'close')
      .type(XML_TYPE)
      .send(
        soapFault(
          'ErrorInvalidRequest',
          `The request is larger than ${MAX_UNAUTHENTICATED_BYTES} bytes, the most accepted before authentication.`,
        ),
      );
  };
  let size = 0;
  let answered = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (answered || size <= MAX_UNAUTHENTICATED_BYTES) return;
    answered = true;
    tooLarge();
  });
  req.once('error', () => {});
  if (Number(req.headers['content-length']) > MAX_UNAUTHENTICATED_BYTES) {
    answered = true;
    tooLarge();
    return;
  }
  req.once('end', () => {
    if (answered) return;
    answered = true;
    refuse();
  });
}
