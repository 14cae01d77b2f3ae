import { BlockList, isIP, SocketAddress } from 'node:net';

/**
 * What a source-IP value is, for GeoIP: a public address worth looking up (`address` is the form
 * to look up), a loopback address, another non-public address, or no address at all (CloudTrail
 * puts service names such as `s3.amazonaws.com` and `AWS Internal` in the same field).
 */
export type IpScope =
  | { kind: 'public'; address: string }
  | { kind: 'local' }
  | { kind: 'private' }
  | { kind: 'not-an-address' };

type Subnet = [network: string, prefix: number, family: 'ipv4' | 'ipv6'];

const LOOPBACK: Subnet[] = [
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
];

/** Ranges that never route on the internet, so a database has nothing to say about them. */
const OTHER_NON_PUBLIC: Subnet[] = [
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['0.0.0.0', 32, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['::', 128, 'ipv6'],
];

const LOCAL = blockListOf(LOOPBACK);
const NON_PUBLIC = blockListOf([...LOOPBACK, ...OTHER_NON_PUBLIC]);
const IPV4_MAPPED = blockListOf([['::ffff:0:0', 96, 'ipv6']]);

/** Classifies one source-IP value; anything that is not an address string is left alone. */
export function classifySourceIp(value: unknown): IpScope {
  if (typeof value !== 'string') return { kind: 'not-an-address' };
  // A zone index (`fe80::1%eth0`) names a local interface, not part of the address.
  const bare = value.split('%', 1)[0] as string;
  const version = isIP(bare);
  if (version === 0) return { kind: 'not-an-address' };

  let address = bare;
  let family: 'ipv4' | 'ipv6' = version === 4 ? 'ipv4' : 'ipv6';
  if (family === 'ipv6' && IPV4_MAPPED.check(address, 'ipv6')) {
    address = ipv4OfMapped(address);
    family = 'ipv4';
  }

  // Most addresses are public: one parse and one check decide them.
  const socket = new SocketAddress({ address, family });
  if (NON_PUBLIC.check(socket))
    return LOCAL.check(socket) ? { kind: 'local' } : { kind: 'private' };
  return { kind: 'public', address };
}

/**
 * The IPv4 address inside `::ffff:a.b.c.d`, whichever way it was written (dotted, hex groups,
 * upper case, uncompressed). The URL parser writes IPv6 in its canonical form, which for this
 * range always ends in the two hex groups that hold the IPv4 address.
 */
function ipv4OfMapped(address: string): string {
  const canonical = new URL(`http://[${address}]`).hostname.slice(1, -1);
  const groups = canonical.split(':').slice(-2);
  const [high, low] = groups.map((group) => parseInt(group, 16)) as [number, number];
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function blockListOf(subnets: readonly Subnet[]): BlockList {
  const list = new BlockList();
  for (const [network, prefix, family] of subnets) list.addSubnet(network, prefix, family);
  return list;
}
