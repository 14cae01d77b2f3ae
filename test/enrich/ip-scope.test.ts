import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifySourceIp, type IpScope } from '../../src/enrich/index.js';

const publicAt = (address: string): IpScope => ({ kind: 'public', address });
const LOCAL: IpScope = { kind: 'local' };
const PRIVATE: IpScope = { kind: 'private' };
const NOT_AN_ADDRESS: IpScope = { kind: 'not-an-address' };

describe('classifySourceIp', () => {
  const cases: [string, unknown, IpScope][] = [
    ['looks up a public IPv4 address as it is', '81.2.69.142', publicAt('81.2.69.142')],
    ['looks up a public IPv6 address as it is', '2001:480::1', publicAt('2001:480::1')],
    [
      'looks up a mapped IPv4 address without its ::ffff: prefix',
      '::ffff:81.2.69.142',
      publicAt('81.2.69.142'),
    ],
    [
      'reads a mapped address written in upper case',
      '::FFFF:89.160.20.115',
      publicAt('89.160.20.115'),
    ],
    ['reads a mapped address written as hex groups', '::ffff:5102:458e', publicAt('81.2.69.142')],
    [
      'reads a mapped address written out in full',
      '0:0:0:0:0:ffff:d8a0:533a',
      publicAt('216.160.83.58'),
    ],
    [
      'reads a mapped address whose last group is compressed',
      '0:0:0:0:0:ffff:102::',
      publicAt('1.2.0.0'),
    ],
    ['labels 127.0.0.1 as loopback', '127.0.0.1', LOCAL],
    ['labels the whole 127.0.0.0/8 block as loopback', '127.255.255.254', LOCAL],
    ['labels ::1 as loopback', '::1', LOCAL],
    ['labels a mapped loopback address as loopback', '::ffff:127.0.0.1', LOCAL],
    ['labels 10.0.0.0/8 as private', '10.1.2.3', PRIVATE],
    ['labels the start of 172.16.0.0/12 as private', '172.16.0.1', PRIVATE],
    ['labels the end of 172.16.0.0/12 as private', '172.31.255.255', PRIVATE],
    ['looks up the address just past 172.16.0.0/12', '172.32.0.1', publicAt('172.32.0.1')],
    ['labels 192.168.0.0/16 as private', '192.168.1.10', PRIVATE],
    ['labels a mapped private address as private', '::ffff:10.0.0.1', PRIVATE],
    ['labels carrier-grade NAT 100.64.0.0/10 as private', '100.64.0.1', PRIVATE],
    ['labels the end of carrier-grade NAT as private', '100.127.255.254', PRIVATE],
    ['looks up the address just past carrier-grade NAT', '100.128.0.1', publicAt('100.128.0.1')],
    ['labels IPv4 link-local 169.254.0.0/16 as private', '169.254.169.254', PRIVATE],
    ['labels IPv6 link-local fe80::/10 as private', 'fe80::1', PRIVATE],
    ['labels a link-local address with a zone index as private', 'fe80::1%eth0', PRIVATE],
    ['labels unique-local fc00::/7 (fc) as private', 'fc00::1', PRIVATE],
    ['labels unique-local fc00::/7 (fd) as private', 'fd12:3456:789a::1', PRIVATE],
    ['labels the unspecified IPv4 address as private', '0.0.0.0', PRIVATE],
    ['labels the unspecified IPv6 address as private', '::', PRIVATE],
    ['leaves a service name alone', 's3.amazonaws.com', NOT_AN_ADDRESS],
    ['leaves AWS Internal alone', 'AWS Internal', NOT_AN_ADDRESS],
    ['leaves an address with surrounding spaces alone', ' 81.2.69.142', NOT_AN_ADDRESS],
    ['leaves an address with a prefix length alone', '81.2.69.0/24', NOT_AN_ADDRESS],
    ['leaves an IPv4 address with leading zeros alone', '081.2.69.142', NOT_AN_ADDRESS],
    ['leaves a bracketed IPv6 address alone', '[2001:480::1]', NOT_AN_ADDRESS],
    ['leaves a missing value alone', null, NOT_AN_ADDRESS],
    ['leaves a number alone', 1234, NOT_AN_ADDRESS],
    ['leaves an object alone', { ip: '81.2.69.142' }, NOT_AN_ADDRESS],
  ];
  for (const [title, value, expected] of cases) {
    it(`${title}: ${JSON.stringify(value)}`, () => {
      assert.deepEqual(classifySourceIp(value), expected);
    });
  }
});
