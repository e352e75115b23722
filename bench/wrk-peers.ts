/** The servers bench/wrk-peer.ts can be (see there), and the messages between it and the bench. */
export const PEER_KINDS = ['mockttp', 'mockttp-unrecorded', 'parse-floor', 'bare'] as const;
export type PeerKind = (typeof PEER_KINDS)[number];

export type ToPeer =
  | { type: 'start'; kind: PeerKind; keyPem: string; certPem: string; reply: string }
  | { type: 'cpu' }
  | { type: 'stop' };

export type FromPeer = { type: 'listening'; port: number } | { type: 'cpu'; micros: number };
