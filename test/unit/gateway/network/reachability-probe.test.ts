import { describe, expect, it } from 'vitest';
import { labNetwork, standaloneNetwork } from '../../../../gateway/network/gateway-network.ts';
import { VirtualClock } from '../../../../sim/clock.ts';
import { HostsTable } from '../../../../sim/network.ts';

const clock = new VirtualClock(Date.UTC(2030, 4, 6, 8));

describe('Exchange Reachability apart from the TLS test: the icmp-blocked condition and the probe named', () => {
  it('ICMP blocked: the ping is unreachable and says why, while the name still resolves for TCP', async () => {
    const hosts = new HostsTable();
    hosts.add('ex1.example.test', '127.0.10.1');
    const net = labNetwork(hosts);
    expect(await net.reachable('ex1.example.test', 443, 1000, clock)).toBe(true);
    hosts.setIcmpBlocked('ex1.example.test', true);
    expect(await net.reachable('ex1.example.test', 443, 1000, clock)).toBe(false);
    expect(await net.reachable('127.0.10.1', 443, 1000, clock)).toBe(false);
    expect(net.describeReachability('ex1.example.test', 443, false)).toEqual({
      probe: 'icmp',
      detail:
        'ICMP echo to ex1.example.test gets no answer: ICMP is blocked on the way, while TCP still connects (the SSL test is separate)',
    });
    const resolved = await new Promise<string>((resolve, reject) =>
      net.lookup('ex1.example.test', {}, (err, address) => (err ? reject(err) : resolve(String(address)))),
    );
    expect(resolved).toBe('127.0.10.1');
    hosts.setIcmpBlocked('ex1.example.test', false);
    expect(await net.reachable('ex1.example.test', 443, 1000, clock)).toBe(true);
  });

  it('a host that is down, or a name that does not resolve, is told apart from blocked ICMP', () => {
    const hosts = new HostsTable();
    hosts.add('ex2.example.test', '127.0.10.2', false);
    const net = labNetwork(hosts);
    expect(net.describeReachability('ex2.example.test', 443, false).detail).toBe(
      'ICMP echo to ex2.example.test gets no answer: the host is down',
    );
    expect(net.describeReachability('nowhere.example.test', 443, false).detail).toBe(
      'nowhere.example.test does not resolve: nothing to ping',
    );
  });

  it('an unknown host cannot be blocked: the error names it', () => {
    expect(() => new HostsTable().setIcmpBlocked('ex9.example.test', true)).toThrow(
      /unknown host "ex9\.example\.test"/,
    );
  });

  it('standalone, the check says it used a TCP connect in place of ICMP', () => {
    expect(standaloneNetwork().describeReachability('mail.example.com', 443, true)).toEqual({
      probe: 'tcp',
      detail: 'TCP connect to mail.example.com:443 (standing in for ICMP echo, which needs privileges) succeeded',
    });
  });
});
