import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { fixturePath, makeTempDir, runCli } from '../helpers.js';
import {
  makeGeoIpFolder,
  SKIP_WITHOUT_REAL_DATA,
  type TestDatabase,
} from '../maxmind-test-databases.js';

const input = fixturePath('geoip', 'source-ips.json');
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BOB = 'arn:aws:iam::111122223333:user/bob';

/** Alice's source-IP cell lines with every database, newest first (one event per value). */
const ALICE_IPS_ALL_DATABASES = [
  'Total source IPs: 10',
  '1 - AWS Internal (2024-03-01 09:09:00 ~ 2024-03-01 09:09:00)',
  '1 - s3.amazonaws.com (2024-03-01 09:08:00 ~ 2024-03-01 09:08:00)',
  '1 - 100.64.0.1 (Private, -, -) (2024-03-01 09:07:00 ~ 2024-03-01 09:07:00)',
  '1 - 127.0.0.1 (Local, -, -) (2024-03-01 09:06:00 ~ 2024-03-01 09:06:00)',
  '1 - 10.1.2.3 (Private, -, -) (2024-03-01 09:05:00 ~ 2024-03-01 09:05:00)',
  '1 - ::ffff:81.2.69.142 (-, London, United Kingdom) (2024-03-01 09:04:00 ~ 2024-03-01 09:04:00)',
  '1 - 2001:480::1 (-, San Diego, United States) (2024-03-01 09:03:00 ~ 2024-03-01 09:03:00)',
  '1 - 216.160.83.58 (AS209, Milton, United States) (2024-03-01 09:02:00 ~ 2024-03-01 09:02:00)',
  '1 - 89.160.20.115 (AS29518 Bredband2 AB, Linköping, Sweden) (2024-03-01 09:01:00 ~ 2024-03-01 09:01:00)',
  '1 - 81.2.69.142 (-, London, United Kingdom) (2024-03-01 09:00:00 ~ 2024-03-01 09:00:00)',
];

/** value, asn, as_org, city, country of Alice's JSON src_ips entries, in cell order. */
const ALICE_JSON_ALL_DATABASES = [
  ['AWS Internal', null, null, null, null],
  ['s3.amazonaws.com', null, null, null, null],
  ['100.64.0.1', null, null, null, null],
  ['127.0.0.1', null, null, null, null],
  ['10.1.2.3', null, null, null, null],
  ['::ffff:81.2.69.142', null, null, 'London', 'United Kingdom'],
  ['2001:480::1', null, null, 'San Diego', 'United States'],
  ['216.160.83.58', 209, null, 'Milton', 'United States'],
  ['89.160.20.115', 29518, 'Bredband2 AB', 'Linköping', 'Sweden'],
  ['81.2.69.142', null, null, 'London', 'United Kingdom'],
];

interface JsonIp {
  value: unknown;
  asn: unknown;
  as_org: unknown;
  city: unknown;
  country: unknown;
}
interface JsonRow {
  user_arn: string;
  src_ips: JsonIp[];
}

const geoColumns = (ips: JsonIp[]) =>
  ips.map((ip) => [ip.value, ip.asn, ip.as_org, ip.city, ip.country]);

/** The SrcIPs cell of each identity in a CSV report, split into lines. */
function sourceIpCells(csv: string): Map<string, string[]> {
  const records = parse(csv, { columns: true }) as Record<string, string>[];
  return new Map(records.map((r) => [r.UserARN as string, (r.SrcIPs as string).split('\n')]));
}

describe(
  'aws-ct-summary -G with the MaxMind test databases',
  { skip: SKIP_WITHOUT_REAL_DATA },
  () => {
    const folders: { remove: () => void }[] = [];
    after(() => folders.forEach((folder) => folder.remove()));
    const geoFolder = (names: TestDatabase[]) => {
      const folder = makeGeoIpFolder(names);
      folders.push(folder);
      return folder.path;
    };
    const all = geoFolder(['GeoLite2-ASN', 'GeoLite2-City', 'GeoLite2-Country']);
    const run = (...flags: string[]) => runCli(['aws-ct-summary', '-q', '-f', input, ...flags]);

    it('enriches each source IP in the CSV report, labels private and local ones', async () => {
      const result = await run('-G', all, '-t', 'csv');
      assert.equal(result.status, 0, result.stderr);
      const cells = sourceIpCells(result.stdout);
      assert.deepEqual(cells.get(ALICE), ALICE_IPS_ALL_DATABASES);
      assert.deepEqual(cells.get(BOB), [
        'Total source IPs: 1',
        '1 - 81.2.69.142 (-, London, United Kingdom) (2024-03-01 10:00:00 ~ 2024-03-01 10:00:00)',
      ]);
      assert.doesNotMatch(result.stderr, /\[!\]/);
    });

    it('writes the same CSV to an -o file', async () => {
      const temp = makeTempDir();
      after(temp.remove);
      const out = join(temp.path, 'summary.csv');
      const result = await run('--GeoIP', all, '-o', out);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(
        sourceIpCells(readFileSync(out, 'utf8')).get(ALICE),
        ALICE_IPS_ALL_DATABASES,
      );
    });

    it('adds asn, as_org, city and country to every src_ips entry of the JSON report', async () => {
      const result = await run('-G', all, '-t', 'json');
      assert.equal(result.status, 0, result.stderr);
      const rows = JSON.parse(result.stdout) as JsonRow[];
      assert.deepEqual(geoColumns(rows[0]!.src_ips), ALICE_JSON_ALL_DATABASES);
      assert.deepEqual(Object.keys(rows[0]!.src_ips[0]!), [
        'value',
        'count',
        'first_seen',
        'last_seen',
        'asn',
        'as_org',
        'city',
        'country',
      ]);
    });

    it('adds the same fields to each JSON-lines row', async () => {
      const result = await run('-G', all, '-t', 'jsonl');
      assert.equal(result.status, 0, result.stderr);
      const rows = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as JsonRow);
      assert.deepEqual(
        rows.map((row) => row.user_arn),
        [ALICE, BOB],
      );
      assert.deepEqual(geoColumns(rows[0]!.src_ips), ALICE_JSON_ALL_DATABASES);
      assert.deepEqual(geoColumns(rows[1]!.src_ips), [
        ['81.2.69.142', null, null, 'London', 'United Kingdom'],
      ]);
    });

    it('shows the enriched value in the terminal report', async () => {
      const result = await run('-G', all, '-K');
      assert.equal(result.status, 0, result.stderr);
      // The terminal shows the newest four of Alice's ten addresses, and Bob's one.
      assert.match(
        result.stdout,
        /\n {14}1 {2}100\.64\.0\.1 \(Private, -, -\) {2}\(03-01 09:07:00 /,
      );
      assert.match(result.stdout, /\n {14}1 {2}127\.0\.0\.1 \(Local, -, -\) {2}\(03-01 09:06:00 /);
      assert.match(result.stdout, /\n {14}1 {2}81\.2\.69\.142 \(-, London, United Kingdom\) {2}\(/);
    });

    it('accepts --geo-ip as another spelling of -G', async () => {
      const result = await run('--geo-ip', all, '-t', 'csv');
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(sourceIpCells(result.stdout).get(ALICE), ALICE_IPS_ALL_DATABASES);
    });

    it('warns and shows - for city and country with only the ASN database', async () => {
      const result = await runCli([
        'aws-ct-summary',
        '-f',
        input,
        '-G',
        geoFolder(['GeoLite2-ASN']),
        '-t',
        'csv',
      ]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(
        result.stderr,
        /\[!\] GeoIP: no city database in .* \(looked for GeoLite2-City\.mmdb or GeoIP2-City\.mmdb\); cities show "-"/,
      );
      assert.match(
        result.stderr,
        /\[!\] GeoIP: no country database in .* \(looked for GeoLite2-Country\.mmdb or GeoIP2-Country\.mmdb\); countries show "-"/,
      );
      const cell = sourceIpCells(result.stdout).get(ALICE)!;
      assert.ok(
        cell.includes(
          '1 - 89.160.20.115 (AS29518 Bredband2 AB, -, -) (2024-03-01 09:01:00 ~ 2024-03-01 09:01:00)',
        ),
      );
      assert.ok(
        cell.includes(
          '1 - 216.160.83.58 (AS209, -, -) (2024-03-01 09:02:00 ~ 2024-03-01 09:02:00)',
        ),
      );
      assert.ok(
        cell.includes('1 - 81.2.69.142 (-, -, -) (2024-03-01 09:00:00 ~ 2024-03-01 09:00:00)'),
      );
      assert.ok(
        cell.includes('1 - 10.1.2.3 (Private, -, -) (2024-03-01 09:05:00 ~ 2024-03-01 09:05:00)'),
      );
    });

    it('takes the country from the city database when it is the only one', async () => {
      const result = await runCli([
        'aws-ct-summary',
        '-f',
        input,
        '-G',
        geoFolder(['GeoLite2-City']),
        '-t',
        'json',
      ]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stderr, /no ASN database .*; AS numbers and organisations show "-"/);
      assert.match(result.stderr, /no country database .*; countries come from the city database/);
      const rows = JSON.parse(result.stdout) as JsonRow[];
      assert.deepEqual(geoColumns(rows[0]!.src_ips).slice(5), [
        ['::ffff:81.2.69.142', null, null, 'London', 'United Kingdom'],
        ['2001:480::1', null, null, 'San Diego', 'United States'],
        ['216.160.83.58', null, null, 'Milton', 'United States'],
        ['89.160.20.115', null, null, 'Linköping', 'Sweden'],
        ['81.2.69.142', null, null, 'London', 'United Kingdom'],
      ]);
    });
  },
);

describe('aws-ct-summary -G without a usable database', () => {
  const temp = makeTempDir();
  after(temp.remove);

  it('exits 2 before scanning, naming the folder and the file names', async () => {
    const result = await runCli(['aws-ct-summary', '-f', input, '-G', temp.path, '-t', 'csv']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, new RegExp(`-G "${temp.path}": no GeoIP database found`));
    assert.match(
      result.stderr,
      /GeoLite2-ASN\.mmdb, GeoLite2-City\.mmdb \(or GeoIP2-City\.mmdb\), GeoLite2-Country\.mmdb \(or GeoIP2-Country\.mmdb\)/,
    );
    assert.doesNotMatch(result.stderr, /Events:/);
  });

  it('exits 2 for a folder that does not exist', async () => {
    const missing = join(temp.path, 'GeoIP');
    const result = await runCli(['aws-ct-summary', '-f', input, '--geo-ip', missing]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`-G "${missing}": cannot be read \\(ENOENT\\)`));
  });

  it('lists -G in the Output group of the help, with its alias', async () => {
    const result = await runCli(['aws-ct-summary', '--help']);
    assert.equal(result.status, 0);
    const output = result.stdout.slice(result.stdout.indexOf('Output:'));
    assert.match(output.slice(0, output.indexOf('Display:')), /-G, --GeoIP <DIR>[\s\S]*--geo-ip/);
  });
});
