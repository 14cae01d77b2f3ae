#!/usr/bin/env node
// Writes sample/AWSLogs: a small CloudTrail S3 delivery tree for the fictitious AWS account
// 111122223333, three ordinary days in November 2026 with an intrusion in the middle.
// The story, and what to look for, is in sample/README.md.
//
// Everything comes from fixed tables and one seeded PRNG, so every run writes the same bytes.
// Usage: node scripts/build-sample.mjs
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', 'sample');
const ACCOUNT = '111122223333';
const OUTSIDE_ACCOUNT = '444455556666'; // the intruder's own account
const BUCKET = 'examplecorp-cloudtrail-111122223333';
const TRAIL = 'management-events';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${TRAIL}`;
const KMS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d`;
const EXPORTS = 'examplecorp-orders-exports';

// ------------------------------------------------------------------ randomness
// mulberry32: tiny and seedable, which Math.random is not.
let seed = 20261118;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (list) => list[Math.floor(rand() * list.length)];
const chance = (p) => rand() < p;
const HEX = '0123456789abcdef';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const chars = (n, set) => Array.from({ length: n }, () => pick(set)).join('');
function uuid() {
  const h = chars(32, HEX);
  const variant = '89ab'[parseInt(h[16], 16) & 3];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}
// Keys and tokens have the real shape but say EXAMPLE, so nobody mistakes them for real ones.
const tempKey = () => `ASIAEXAMPLE${chars(9, UPPER)}`;
const sessionToken = () => `IQoJb3JpZ2luX2VjEXAMPLE${chars(48, ALNUM + '+/')}`;
const ec2Id = (prefix) => `${prefix}-0${chars(16, HEX)}`;

// ------------------------------------------------------------------ time
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAYS = ['2026-11-17', '2026-11-18', '2026-11-19'];
const at = (s) => Date.parse(`${s}Z`);
const iso = (t) => new Date(t).toISOString().slice(0, 19) + 'Z';
const pad = (n) => String(n).padStart(2, '0');
// A random second between h1:00:00 and h2:59:59 of a day.
const clock = (day, h1, h2 = h1) =>
  at(`${day}T${pad(int(h1, h2))}:${pad(int(0, 59))}:00`) + int(0, 59_000);
// Some services put Java-style dates in responseElements: "Nov 18, 2026, 3:51:12 PM".
function javaDate(t, comma = ',') {
  const d = new Date(t);
  const h = d.getUTCHours();
  const month = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[d.getUTCMonth()];
  const time = `${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}${comma} ${time} ${h < 12 ? 'AM' : 'PM'}`;
}

// ------------------------------------------------------------------ cast
const USERS = {
  maria: { name: 'maria.santos', id: 'AIDAEXAMPLEMSANTOS4RZ', key: 'AKIAEXAMPLEMSANTOS7Q' },
  tom: { name: 'tom.becker', id: 'AIDAEXAMPLETBECKER7QN', key: 'AKIAEXAMPLETBECKER3F' },
  ci: { name: 'ci-runner', id: 'AIDAEXAMPLECIRUNNER3K', key: 'AKIAEXAMPLECIRUN8W4T' },
  backup: { name: 'svc-backup', id: 'AIDAEXAMPLESVCBKP2JW5', key: 'AKIAEXAMPLEBKP2VN6RD' },
};
const TOM_BACKDOOR_KEY = 'AKIAEXAMPLEQ7ZK2M4XB'; // made by the intruder for tom.becker
const role = (name, id, path = '/') => ({
  name,
  id,
  arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}`,
});
const slr = (svc) => `/aws-service-role/${svc}.amazonaws.com/`;
const ROLES = {
  ops: role('OpsAdmin', 'AROAEXAMPLEOPSADMIN9Q'),
  deploy: role('ci-deploy', 'AROAEXAMPLECIDEPLOY4H'),
  lambda: role('orders-api-role', 'AROAEXAMPLEORDERSAPI2'),
  web: role('web-app-role', 'AROAEXAMPLEWEBAPP7V2K'),
  config: role('AWSServiceRoleForConfig', 'AROAEXAMPLESLRCONFIG6', slr('config')),
  asg: role('AWSServiceRoleForAutoScaling', 'AROAEXAMPLESLRASG8M3P', slr('autoscaling')),
};
// 192.0.2.0/24 is the company's: offices, VPN, build and backup servers, the NAT gateway.
// 203.0.113.0/24 and 198.51.100.0/24 are the intruder's.
const IP = {
  maria: ['192.0.2.10', '192.0.2.131'],
  tom: ['192.0.2.24', '192.0.2.37'],
  office: '192.0.2.10',
  build: '192.0.2.40',
  backup: '192.0.2.50',
  nat: '192.0.2.201',
  vps: '203.0.113.47',
  vps2: '203.0.113.88',
  home: '198.51.100.23',
  later: '198.51.100.77',
};
const TF = { ec2: '1.254.1', iam: '1.47.8', lambda: '1.77.0', dynamodb: '1.50.4', s3: '1.89.2' };
const UA = {
  firefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0',
  chrome:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  s3console:
    '[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.780 Linux/5.10.240-238.955.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.452-b09 java/1.8.0_452 vendor/Oracle_Corporation cfg/retry-mode/standard]',
  cli: (os, cmd) =>
    `aws-cli/2.31.18 md/awscrt#0.28.1 ua/2.1 os/${os} md/arch#x86_64 lang/python#3.13.7 md/pyimpl#CPython m/Z,b cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#${cmd}`,
  terraform: (src) =>
    `APN/1.0 HashiCorp/1.0 Terraform/1.13.4 (+https://www.terraform.io) terraform-provider-aws/6.19.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.39.5 ua/2.1 os/linux lang/go#1.24.8 md/GOOS#linux md/GOARCH#amd64 api/${src}#${TF[src] ?? '1.38.9'} m/C`,
  deploy:
    'Boto3/1.40.61 md/Botocore#1.40.61 ua/2.1 os/linux#6.8.0-1040-aws md/arch#x86_64 lang/python#3.12.12 md/pyimpl#CPython m/Z,b cfg/retry-mode#legacy Botocore/1.40.61',
  backupJob:
    'Boto3/1.28.85 md/Botocore#1.31.85 ua/2.0 os/linux#5.15.0-126-generic md/arch#x86_64 lang/python#3.10.12 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.31.85',
  lambda:
    'Boto3/1.40.4 md/Botocore#1.40.4 ua/2.1 os/linux#5.10.240-262.966.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.11 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 m/D cfg/retry-mode#legacy Botocore/1.40.4',
  // The intruder's tools: an old CLI and Boto3 on Kali Linux, and a Linux Firefox.
  kaliCli: (cmd) =>
    `aws-cli/2.15.30 Python/3.11.8 Linux/6.6.9-amd64 exe/x86_64.kali.2024 prompt/off command/${cmd}`,
  kaliBoto: 'Boto3/1.34.46 Python/3.11.8 Linux/6.5.0-kali3-amd64 Botocore/1.34.46',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
};
// API name as IAM and the CLI know it: ListFunctions20150331 is lambda:ListFunctions.
const action = (name) =>
  ({ ListBuckets: 'ListAllMyBuckets' })[name] ?? name.replace(/2015\w+$/, '');
const kebab = (s) => s.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
const CLI_NAME = { s3: 's3api', monitoring: 'cloudwatch' };
const cliCommand = (src, name) => `${CLI_NAME[src] ?? src}.${kebab(action(name))}`;

// ------------------------------------------------------------------ identities
const userArn = (name) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const sessionArn = (r, session) => `arn:aws:sts::${ACCOUNT}:assumed-role/${r.name}/${session}`;
const attributes = (t, mfa) => ({ creationDate: iso(t), mfaAuthenticated: String(mfa) });
// Calls made through a console session carry its temporary key and a sessionContext.
function iamUser(u, key = u.key, loginTime, mfa = true) {
  const ui = { type: 'IAMUser', principalId: u.id, arn: userArn(u.name), accountId: ACCOUNT };
  Object.assign(ui, { accessKeyId: key, userName: u.name });
  if (loginTime) {
    const attrs = attributes(loginTime, mfa);
    ui.sessionContext = { sessionIssuer: {}, webIdFederationData: {}, attributes: attrs };
  }
  return ui;
}
function assumedRole(r, session, key, created) {
  const sessionIssuer = { type: 'Role', principalId: r.id, arn: r.arn, accountId: ACCOUNT };
  sessionIssuer.userName = r.name;
  const attrs = attributes(created, false);
  const sessionContext = { sessionIssuer, webIdFederationData: {}, attributes: attrs };
  const ui = { type: 'AssumedRole', principalId: `${r.id}:${session}` };
  return {
    ...ui,
    arn: sessionArn(r, session),
    accountId: ACCOUNT,
    accessKeyId: key,
    sessionContext,
  };
}
// A caller is who (userIdentity), from where (IP) and with what (user agent, or a function of
// service and event). AWS services acting for themselves give their own name as IP and agent,
// and send no TLS details.
function caller(identity, ip, ua, more = {}) {
  return { identity, ip, ua, tls: /^\d/.test(ip), ...more };
}
const service = (svc) => caller({ type: 'AWSService', invokedBy: svc }, svc, svc);
const viaService = (identity, svc) => caller({ ...identity, invokedBy: svc }, svc, svc);

// ------------------------------------------------------------------ records
// Typical requestParameters, used when a call brings none (absent here: null, as for most reads).
const s3req = (b, sub) => ({ bucketName: b, Host: `${b}.s3.amazonaws.com`, [sub]: '' });
const REQ = {
  DescribeInstances: { instancesSet: {}, filterSet: {} },
  DescribeInstanceStatus: { instancesSet: {}, filterSet: {}, includeAllInstances: false },
  DescribeSecurityGroups: { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} },
  DescribeVolumes: { volumeSet: {}, filterSet: {} },
  DescribeSnapshots: { snapshotSet: {}, ownersSet: { items: [{ owner: 'self' }] }, filterSet: {} },
  DescribeVpcs: { vpcSet: {}, filterSet: {} },
  DescribeSubnets: { subnetSet: {}, filterSet: {} },
  DescribeNetworkInterfaces: { networkInterfaceIdSet: {}, filterSet: {} },
  DescribeRouteTables: { routeTableIdSet: {}, filterSet: {} },
  DescribeAddresses: { publicIpsSet: {}, allocationIdsSet: {}, filterSet: {} },
  DescribeRegions: { regionSet: {}, allRegions: true },
  DescribeImages: { imagesSet: {}, ownersSet: { items: [{ owner: 'amazon' }] }, filterSet: {} },
  DescribeFlowLogs: { DescribeFlowLogsRequest: '' },
  DescribeAlarms: { maxRecords: 100 },
  DescribeTable: { tableName: 'orders' },
  DescribeContinuousBackups: { tableName: 'orders' },
  DescribeTrails: { includeShadowTrails: true },
  GetTrailStatus: { name: TRAIL_ARN },
  ListSecrets: { maxResults: 100 },
  ListBuckets: { Host: 's3.us-east-1.amazonaws.com' },
  GetBucketPolicy: s3req(EXPORTS, 'policy'),
  GetBucketVersioning: s3req('examplecorp-web-assets', 'versioning'),
  GetFunction20150331v2: { functionName: 'orders-api' },
  GetFunctionConfiguration20150331v2: { functionName: 'orders-api' },
  ListVersionsByFunction20150331: { functionName: 'orders-api' },
  UpdateFunctionConfiguration20150331v2: { functionName: 'orders-api', timeout: 30 },
  PublishVersion20150331: { functionName: 'orders-api' },
  GetRole: { roleName: 'orders-api-role' },
  ListAttachedRolePolicies: { roleName: 'orders-api-role' },
  GetUser: { userName: 'svc-backup' },
  ListAttachedUserPolicies: { userName: 'svc-backup' },
  GetParameter: { name: '/platform/eu-west-1/vpc-id', withDecryption: false },
  DescribeLogGroups: { logGroupNamePrefix: '/aws/lambda/orders-api' },
  GetServiceQuota: { ServiceCode: 'ec2', QuotaCode: 'L-DB2E81BA' },
  GetCostAndUsage: { timePeriod: { start: '2026-11-01', end: '2026-11-30' }, granularity: 'DAILY' },
};
const lambdaState = { functionName: 'orders-api', state: 'Active', lastUpdateStatus: 'InProgress' };
const RESP = {
  UpdateFunctionConfiguration20150331v2: lambdaState,
  UpdateFunctionCode20150331v2: lambdaState,
  PublishVersion20150331: { ...lambdaState, version: '37' },
};
const GLOBAL = new Set(['iam', 'ce', 'health', 'signin']); // always logged in us-east-1
const VERSION = { ec2: '1.09', secretsmanager: '1.09', s3: '1.10', cloudtrail: '1.10' };
const READ_ONLY = /^(Get|List|Describe|Lookup|Decrypt|AssumeRole$)/;
const events = [];

const host = (src, region, req) =>
  ({ iam: 'iam.amazonaws.com', signin: `${region}.signin.aws.amazon.com` })[src] ??
  req?.Host ??
  `${src}.${region}.amazonaws.com`;

// An access-denied error worded the way the service words it.
function denied(c, src, name, resource, scp) {
  const act = `${src}:${action(name)}`;
  const why = scp
    ? 'with an explicit deny in a service control policy'
    : `because no identity-based policy allows the ${act} action`;
  const on = resource ? ` on resource: ${resource}` : '';
  const msg = `User: ${c.identity.arn} is not authorized to perform: ${act}${on} ${why}`;
  if (src !== 'ec2') return ['AccessDenied', msg];
  const ec2 = `You are not authorized to perform this operation. ${msg}`;
  return ['Client.UnauthorizedOperation', ec2];
}

// The one place a record is assembled, keys in the order CloudTrail writes them.
// `what` is "region service EventName"; options: req, resp, error, deny (resource or ''),
// scp, extra (additionalEventData), resources, eventType, identity, readOnly, failedLogin.
function call(c, t, what, o = {}) {
  let [region, src, name] = what.split(' ');
  if (GLOBAL.has(src)) region = 'us-east-1';
  const req = o.req !== undefined ? o.req : (REQ[name] ?? null);
  const error = o.error ?? (o.deny !== undefined ? denied(c, src, name, o.deny, o.scp) : null);
  const r = { eventVersion: VERSION[src] ?? '1.08', userIdentity: o.identity ?? c.identity };
  Object.assign(r, { eventTime: iso(t), eventSource: `${src}.amazonaws.com`, eventName: name });
  Object.assign(r, { awsRegion: region, sourceIPAddress: c.ip });
  r.userAgent = typeof c.ua === 'function' ? c.ua(src, name) : c.ua;
  if (error) [r.errorCode, r.errorMessage] = error;
  if (o.failedLogin) r.errorMessage = 'Failed authentication'; // and, really, no errorCode
  r.requestParameters = req;
  r.responseElements = error ? null : (o.resp ?? RESP[name] ?? null);
  if (o.extra) r.additionalEventData = o.extra;
  else if (src === 's3') r.additionalEventData = s3Extra();
  if (o.eventType !== 'AwsConsoleSignIn') r.requestID = src === 's3' ? chars(16, UPPER) : uuid();
  r.eventID = uuid();
  r.readOnly = o.readOnly ?? READ_ONLY.test(name);
  const resources = o.resources ?? (req?.bucketName && [bucketResource(req.bucketName)]);
  if (resources) r.resources = resources.map((x) => ({ accountId: ACCOUNT, ...x }));
  r.eventType = o.eventType ?? 'AwsApiCall';
  r.managementEvent = true;
  r.recipientAccountId = ACCOUNT;
  if (r.userIdentity.type === 'AWSService') r.sharedEventID = uuid();
  r.eventCategory = 'Management';
  if (c.tls) {
    r.tlsDetails = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256' };
    r.tlsDetails.clientProvidedHostHeader = host(src, region, req);
  }
  if (c.console && src !== 'signin') r.sessionCredentialFromConsole = 'true';
  events.push(r);
}
const bucketResource = (bucket) => ({ type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` });
const s3Extra = () => ({
  SignatureVersion: 'SigV4',
  CipherSuite: 'TLS_AES_128_GCM_SHA256',
  bytesTransferredIn: 0,
  AuthenticationMethod: 'AuthHeader',
  'x-amz-id-2': chars(76, ALNUM + '+/'),
  bytesTransferredOut: int(200, 9000),
});

// Plays calls a few seconds apart and returns the time after the last one.
// A step is "region service Event" or ["region service Event", options].
function run(c, t, steps, gap = [2, 25]) {
  for (const s of steps) {
    const [what, o] = Array.isArray(s) ? s : [s, {}];
    call(c, t, what, o);
    t += int(...gap) * 1000;
  }
  return t;
}
// Text tables: one row per line, columns split on whitespace.
function table(text) {
  const lines = text.trim().split('\n');
  return lines.map((l) => l.trim().split(/\s+/));
}
// "ec2 DescribeVpcs, ec2 DescribeSubnets" in a region -> ["eu-west-1 ec2 DescribeVpcs", ...]
const inRegion = (region, text) => text.split(/\s*,\s*/).map((s) => `${region} ${s.trim()}`);

// sts:AssumeRole as logged for the caller; returns the new session's key.
// Services assuming their roles send no duration and get no assumedRoleUser back.
function assumeRole(c, t, r, session, { region = 'us-east-1', duration = 3600 } = {}) {
  const key = tempKey();
  const expiration = javaDate(t + duration * 1000);
  const resp = { credentials: { accessKeyId: key, sessionToken: sessionToken(), expiration } };
  const req = { roleArn: r.arn, roleSessionName: session };
  if (c.identity.type !== 'AWSService') {
    req.durationSeconds = duration;
    resp.assumedRoleUser = { assumedRoleId: `${r.id}:${session}`, arn: sessionArn(r, session) };
  }
  const resources = [{ type: 'AWS::IAM::Role', ARN: r.arn }];
  call(c, t, `${region} sts AssumeRole`, { req, resp, resources });
  return key;
}
// An AWS service takes on one of the account's roles; returns the session's userIdentity.
function serviceSession(svc, t, r, session, options) {
  const key = assumeRole(service(`${svc}.amazonaws.com`), t, r, session, options);
  return assumedRole(r, session, key, t);
}

// A console sign-in; returns the caller for the session's later calls.
function consoleLogin(u, t, ip, browser, ok = true, mfa = true) {
  const extra = { LoginTo: 'https://console.aws.amazon.com/console/home?isauthcode=true' };
  Object.assign(extra, { MobileVersion: 'No', MFAUsed: mfa ? 'Yes' : 'No' });
  if (mfa) extra.MFAIdentifier = `arn:aws:iam::${ACCOUNT}:mfa/${u.name}`;
  const identity = iamUser(u);
  delete identity.accessKeyId; // a sign-in involves no access key
  call(caller(identity, ip, browser), t, 'us-east-1 signin ConsoleLogin', {
    resp: { ConsoleLogin: ok ? 'Success' : 'Failure' },
    ...{ failedLogin: !ok, readOnly: false, eventType: 'AwsConsoleSignIn', extra },
  });
  // Console pages call the APIs with a temporary key; EC2 and S3 pages name themselves.
  const ua = (src) => ({ s3: UA.s3console, ec2: 'console.ec2.amazonaws.com' })[src] ?? browser;
  return caller(iamUser(u, tempKey(), t, mfa), ip, ua, { console: true });
}

// GetSecretValue, then the KMS Decrypt that Secrets Manager makes on the caller's behalf.
const SECRETS = [
  'prod/orders/db-credentials-Xk3qPz',
  'prod/payments/stripe-api-key-T8mN2w',
  'prod/orders/jwt-signing-key-c7RvLd',
  'ci/github-deploy-token-Q1wEr9',
];
function readSecret(c, t, secret) {
  const secretId = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${secret}`;
  call(c, t, 'us-east-1 secretsmanager GetSecretValue', { req: { secretId } });
  const encryptionContext = { SecretARN: secretId, SecretVersionId: uuid() };
  const req = { encryptionContext, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  const resources = [{ type: 'AWS::KMS::Key', ARN: KMS_KEY }];
  const sm = viaService(c.identity, 'secretsmanager.amazonaws.com');
  call(sm, t + 150, 'us-east-1 kms Decrypt', { req, resources });
}

// ------------------------------------------------------------------ ordinary days
const CONSOLE_PAGES = [
  ...inRegion('us-east-1', 'ec2 DescribeInstances, ec2 DescribeInstanceStatus, s3 ListBuckets'),
  ...inRegion('us-east-1', 'ec2 DescribeSecurityGroups, s3 GetBucketVersioning, iam GetRole'),
  ...inRegion('us-east-1', 'lambda ListFunctions20150331, lambda GetFunction20150331v2'),
  ...inRegion('us-east-1', 'monitoring DescribeAlarms, dynamodb DescribeTable, ce GetCostAndUsage'),
  ...inRegion('us-east-1', 'health DescribeEventAggregates'),
  ...inRegion('eu-west-1', 'ec2 DescribeInstances, monitoring DescribeAlarms'),
];
// What each developer types in a terminal.
const TERMINAL = {
  maria: 'sts GetCallerIdentity, ec2 DescribeInstances, ec2 DescribeSnapshots, ssm GetParameter',
  tom: 'lambda GetFunction20150331v2, logs DescribeLogGroups, dynamodb DescribeTable, lambda UpdateFunctionConfiguration20150331v2',
};

// Two console sessions and two terminal bursts per working day.
function developerDay(who, day, browser, os) {
  const u = USERS[who];
  for (const start of [clock(day, 7, 9), clock(day, 13, 15)]) {
    const c = consoleLogin(u, start, pick(IP[who]), browser);
    const pages = Array.from({ length: int(8, 16) }, () => pick(CONSOLE_PAGES));
    run(c, start + int(10, 40) * 1000, pages, [5, 90]);
  }
  for (let burst = 0; burst < 2; burst++) {
    const c = caller(iamUser(u), pick(IP[who]), (src, name) => UA.cli(os, cliCommand(src, name)));
    const commands = inRegion(pick(['us-east-1', 'us-east-1', 'eu-west-1']), TERMINAL[who]);
    const typed = Array.from({ length: int(3, 7) }, () => pick(commands));
    run(c, clock(day, 10, 17), typed, [3, 40]);
  }
}

const TERRAFORM_PLAN =
  'ec2 DescribeVpcs, ec2 DescribeSubnets, ec2 DescribeSecurityGroups, s3 GetBucketVersioning, ' +
  'lambda GetFunction20150331v2, lambda ListVersionsByFunction20150331, ' +
  'dynamodb DescribeTable, dynamodb DescribeContinuousBackups';
// The build server (user ci-runner) assumes ci-deploy; Terraform plans and applies in both
// regions, then a Boto3 script smoke-tests the function.
function ciBuild(t, build) {
  const cli = UA.cli('linux#6.8.0-1040-aws', 'sts.assume-role');
  const runner = caller(iamUser(USERS.ci), IP.build, cli);
  const key = assumeRole(runner, t, ROLES.deploy, 'gitlab-runner');
  const session = assumedRole(ROLES.deploy, 'gitlab-runner', key, t);
  const tf = caller(session, IP.build, UA.terraform);
  const start = 'sts GetCallerIdentity, iam GetRole, iam ListAttachedRolePolicies';
  t = run(tf, t + 4000, inRegion('us-east-1', start), [1, 3]);
  const code = { functionName: 'orders-api', s3Bucket: 'examplecorp-build-artifacts' };
  code.s3Key = `orders-api/${build}.zip`;
  for (const region of ['us-east-1', 'eu-west-1']) {
    const plan = inRegion(region, TERRAFORM_PLAN);
    const apply = [[`${region} lambda UpdateFunctionCode20150331v2`, { req: code }]];
    t = run(tf, t, [...plan, ...apply, `${region} lambda PublishVersion20150331`], [1, 6]);
  }
  const smoke = 'lambda GetFunctionConfiguration20150331v2, monitoring DescribeAlarms';
  run(caller(session, IP.build, UA.deploy), t + 20_000, inRegion('us-east-1', smoke));
}

// AWS Config re-reads resources through its service-linked role: the bulk of a quiet account.
const CONFIG_READS =
  'ec2 DescribeInstances, ec2 DescribeSecurityGroups, ec2 DescribeVolumes, ec2 DescribeVpcs, ' +
  'ec2 DescribeNetworkInterfaces, ec2 DescribeSubnets, ec2 DescribeRouteTables, ' +
  'ec2 DescribeAddresses, lambda ListFunctions20150331, rds DescribeDBInstances, ' +
  'dynamodb DescribeTable, monitoring DescribeAlarms';
function configSweep(t, region) {
  const session = serviceSession('config', t, ROLES.config, 'AWSConfig-Describe', { region });
  const steps = inRegion(region, CONFIG_READS).filter(() => chance(0.75));
  if (region === 'us-east-1')
    steps.push(...inRegion(region, 'iam GetRole, iam ListAttachedRolePolicies'));
  run(viaService(session, 'config.amazonaws.com'), t + 2000, steps, [0, 4]);
}

// The nightly snapshot job on the backup server: svc-backup's only ordinary use.
function backupRun(day) {
  const c = caller(iamUser(USERS.backup), IP.backup, UA.backupJob);
  const snapshot = (volumeId) => {
    const resp = { snapshotId: ec2Id('snap'), volumeId, status: 'pending', volumeSize: 100 };
    const req = { volumeId, description: `nightly ${day}` };
    return ['us-east-1 ec2 CreateSnapshot', { req, resp }];
  };
  const snaps = ['vol-0a1b2c3d4e5f60718', 'vol-0f9e8d7c6b5a49382'].map(snapshot);
  const expired = { req: { snapshotId: ec2Id('snap') }, resp: { _return: true } };
  const steps = ['us-east-1 ec2 DescribeVolumes', ...snaps, 'us-east-1 ec2 DescribeSnapshots'];
  const t = run(c, clock(day, 1), [...steps, ['us-east-1 ec2 DeleteSnapshot', expired]], [1, 8]);
  // A copy of each snapshot goes to the disaster-recovery region.
  const copy = ([, { resp }]) => {
    const req = { sourceRegion: 'us-east-1', sourceSnapshotId: resp.snapshotId };
    return ['eu-west-1 ec2 CopySnapshot', { req, resp: { snapshotId: ec2Id('snap') } }];
  };
  run(c, t + 6 * MIN, snaps.map(copy));
}

function lambdaColdStart(t) {
  const session = serviceSession('lambda', t, ROLES.lambda, 'orders-api', { duration: 43200 });
  const fn = caller(session, IP.nat, UA.lambda);
  readSecret(fn, t + 900, SECRETS[0]);
  call(fn, t + 1400, 'us-east-1 ssm GetParameter', { req: { name: '/prod/orders/table-name' } });
}

// The web tier scales out in the morning and in at night. EC2 assumes the instance-profile
// role for each new instance, and again whenever its credentials are refreshed.
function autoscale(t, out) {
  const session = serviceSession('autoscaling', t, ROLES.asg, 'AutoScaling');
  const asg = viaService(session, 'autoscaling.amazonaws.com');
  const instanceId = ec2Id('i');
  if (!out) return terminate(asg, t + 1500, 'us-east-1', [instanceId]);
  const req = { instancesSet: { items: [{ minCount: 1, maxCount: 1 }] }, clientToken: uuid() };
  req.launchTemplate = { launchTemplateId: 'lt-0c4e8a2f1b3d5e7a9', version: '12' };
  const instanceState = { code: 0, name: 'pending' };
  const item = { instanceId, instanceType: 'm7g.large', instanceState };
  const resp = { reservationId: ec2Id('r'), ownerId: ACCOUNT, instancesSet: { items: [item] } };
  call(asg, t + 1500, 'us-east-1 ec2 RunInstances', { req, resp });
  for (let refresh = 0; refresh < 4; refresh++) {
    const when = t + 40_000 + refresh * 3 * HOUR;
    assumeRole(service('ec2.amazonaws.com'), when, ROLES.web, instanceId, { duration: 21600 });
  }
}
function terminate(c, t, region, ids) {
  const currentState = { code: 32, name: 'shutting-down' };
  const req = { instancesSet: { items: ids.map((instanceId) => ({ instanceId })) } };
  const resp = { instancesSet: { items: ids.map((instanceId) => ({ instanceId, currentState })) } };
  call(c, t, `${region} ec2 TerminateInstances`, { req, resp });
}

function ordinaryDays() {
  DAYS.forEach((day, d) => {
    backupRun(day);
    for (let h = 0; h < 24; h += 2) configSweep(clock(day, h), 'us-east-1');
    for (let h = 1; h < 24; h += 6) configSweep(clock(day, h), 'eu-west-1');
    // CloudTrail checks the bucket ACL before it delivers (a few of those per day).
    const acl = { req: s3req(BUCKET, 'acl') };
    for (const h of [3, 9, 15, 21]) {
      call(service('cloudtrail.amazonaws.com'), clock(day, h), 'us-east-1 s3 GetBucketAcl', acl);
    }
    developerDay('maria', day, UA.firefox, 'linux#6.8.0-88-generic');
    developerDay('tom', day, UA.chrome, 'macos#24.6.0');
    for (let b = 0; b < 2 + (d % 2); b++) ciBuild(clock(day, 9 + b * 3), 4810 + d * 3 + b);
    for (const h of [6, 12, 17, 23]) lambdaColdStart(clock(day, h));
    autoscale(clock(day, 7), true);
    autoscale(clock(day, 20), false);
  });
  // A scheduled AWS service event: the yearly rotation of the key behind the secrets.
  const kms = 'kms.amazonaws.com';
  const rotation = caller({ accountId: ACCOUNT, invokedBy: kms }, kms, kms);
  const extra = { keyId: KMS_KEY.split('/')[1] };
  const resources = [{ type: 'AWS::KMS::Key', ARN: KMS_KEY }];
  const o = { eventType: 'AwsServiceEvent', readOnly: false, extra, resources };
  call(rotation, at('2026-11-17T04:12:55'), 'us-east-1 kms RotateKey', o);
  // Everyday mistakes, so that not every failure is the intruder's.
  const cli = (src, name) => UA.cli('macos#24.6.0', cliCommand(src, name));
  const tom = caller(iamUser(USERS.tom), IP.tom[0], cli);
  const missing = `Function not found: arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-api-stg`;
  const req = { functionName: 'orders-api-stg' };
  const error = ['ResourceNotFoundException', missing];
  call(tom, at('2026-11-17T11:42:10'), 'us-east-1 lambda GetFunction20150331v2', { req, error });
  const param = { name: '/prod/orders/db-host', withDecryption: true };
  const deny = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/prod/orders/db-host`;
  call(tom, at('2026-11-19T10:05:31'), 'us-east-1 ssm GetParameter', { req: param, deny });
}

// ------------------------------------------------------------------ the intrusion
// Request and response details for the story's calls that need more than the defaults.
const policy = (statement) => ({ Version: '2012-10-17', Statement: [statement] });
const trustPolicy = (AWS) =>
  policy({ Effect: 'Allow', Principal: { AWS }, Action: 'sts:AssumeRole' });
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const OUTSIDE_ROOT = `arn:aws:iam::${OUTSIDE_ACCOUNT}:root`;
const exportsArn = `arn:aws:s3:::${EXPORTS}`;
const share = { Sid: 'replication', Effect: 'Allow', Principal: { AWS: OUTSIDE_ROOT } };
share.Action = ['s3:GetObject', 's3:ListBucket'];
share.Resource = [exportsArn, `${exportsArn}/*`];
const revoke = { Effect: 'Deny', Action: ['*'], Resource: ['*'] };
revoke.Condition = { DateLessThan: { 'aws:TokenIssueTime': '2026-11-19T09:44:00.000Z' } };
const ssh = { ipProtocol: 'tcp', fromPort: 22, toPort: 22 };
ssh.ipRanges = { items: [{ cidrIp: '0.0.0.0/0' }] };
const SG = { groupName: 'default-ssh' };
const quota = { ServiceCode: 'ec2', QuotaCode: 'L-DB2E81BA', DesiredValue: 512 };
const BACKUP = { userName: 'svc-backup' };
const roleDoc = (more, doc) => ({
  roleName: 'OpsAdmin',
  ...more,
  policyDocument: JSON.stringify(doc),
});
const P = {
  tryOps: () => ({ req: { roleArn: ROLES.ops.arn, roleSessionName: 'test' } }),
  selfAdmin: () => ({ req: { userName: 'svc-backup', policyArn: ADMIN } }),
  keyForTom: (t) => {
    const accessKey = { accessKeyId: TOM_BACKDOOR_KEY, status: 'Active', userName: 'tom.becker' };
    const resp = { accessKey: { ...accessKey, createDate: javaDate(t, '') } };
    return { req: { userName: 'tom.becker' }, resp };
  },
  password: (t) => {
    const req = { userName: 'svc-backup', passwordResetRequired: false };
    return { req, resp: { loginProfile: { ...req, createDate: javaDate(t, '') } } };
  },
  keyPair: () => ({ req: { keyName: 'k' }, resp: { keyName: 'k', keyPairId: ec2Id('key') } }),
  sshGroup: () => ({ req: SG, resp: { _return: true, groupId: ec2Id('sg') } }),
  openSsh: () => ({ req: { ...SG, ipPermissions: { items: [ssh] } }, resp: { _return: true } }),
  trail: () => ({ req: { name: TRAIL } }),
  detector: () => ({ req: { detectorId: 'a4c8e2f16b3d5a7c9e0f1b2d3c4e5f6a' } }),
  flowLogs: () => {
    const FlowLogId = { tag: 1, content: 'fl-0d2e4f6a8b1c3e5f7' };
    const req = { DeleteFlowLogsRequest: { FlowLogId } };
    return { req, resp: { DeleteFlowLogsResponse: { requestId: uuid(), unsuccessful: '' } } };
  },
  shareExports: () => ({ req: { ...s3req(EXPORTS, 'policy'), bucketPolicy: policy(share) } }),
  trustOutside: () => ({ req: roleDoc({}, trustPolicy([ROOT, OUTSIDE_ROOT])) }),
  quota: () => {
    const requestedQuota = { id: chars(32, HEX), ...quota, status: 'PENDING' };
    return { req: quota, resp: { requestedQuota } };
  },
  // maria.santos cleaning up
  backupKeys: () => ({ req: { userName: 'svc-backup' } }),
  disableKey: () => ({ req: { ...BACKUP, accessKeyId: USERS.backup.key, status: 'Inactive' } }),
  dropAdmin: () => ({ req: { userName: 'svc-backup', policyArn: ADMIN } }),
  tomKeys: () => ({ req: { userName: 'tom.becker' } }),
  dropTomKey: () => ({ req: { userName: 'tom.becker', accessKeyId: TOM_BACKDOOR_KEY } }),
  trustUs: () => ({ req: roleDoc({}, trustPolicy(ROOT)) }),
  revoke: () => ({ req: roleDoc({ policyName: 'AWSRevokeOlderSessions' }, policy(revoke)) }),
  exportsPolicy: () => ({ req: s3req(EXPORTS, 'policy') }),
  newFlowLogs: () => {
    const vpc = { ResourceId: { tag: 1, content: 'vpc-0a7c9e1b3d5f70246' }, TrafficType: 'ALL' };
    const flowLogIdSet = { item: ec2Id('fl') };
    const resp = { CreateFlowLogsResponse: { flowLogIdSet, unsuccessful: '' } };
    return { req: { CreateFlowLogsRequest: vpc }, resp };
  },
};
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

// The intrusion, call by call. Columns: time (UTC; "+" = a few seconds later), identity, source
// address, tool, region, service, event, then options: deny[=resource] (refused), scp=resource
// (refused by the organisation's SCP), p=<entry of P>, and for the special calls below
// role/session/as (AssumeRole), secret (GetSecretValue), type/n/err (RunInstances), fail (sign-in).
const STORY = `
@2026-11-18
14:22:07 backup vps  cli  us-east-1      sts GetCallerIdentity
14:23:40 backup vps  boto us-east-1      iam GetUser
+        backup vps  boto us-east-1      iam ListUsers                      deny=arn:aws:iam::${ACCOUNT}:user/
+        backup vps  boto us-east-1      iam ListRoles                      deny=arn:aws:iam::${ACCOUNT}:role/
+        backup vps  boto us-east-1      iam ListGroups                     deny=arn:aws:iam::${ACCOUNT}:group/
+        backup vps  boto us-east-1      iam GetAccountAuthorizationDetails deny=*
+        backup vps  boto us-east-1      iam ListPolicies                   deny=arn:aws:iam::${ACCOUNT}:policy/
+        backup vps  boto us-east-1      iam GetAccountSummary              deny=*
+        backup vps  boto us-east-1      iam ListAttachedUserPolicies
+        backup vps  boto us-east-1      s3 ListBuckets                     deny
+        backup vps  boto us-east-1      ec2 DescribeInstances              deny
+        backup vps  boto us-east-1      ec2 DescribeSnapshots
+        backup vps  boto us-east-2      ec2 DescribeInstances              deny
+        backup vps  boto us-west-2      ec2 DescribeInstances              deny
+        backup vps  boto eu-west-1      ec2 DescribeInstances              deny
+        backup vps  boto eu-west-1      ec2 DescribeSnapshots
+        backup vps  boto eu-central-1   ec2 DescribeInstances              deny
+        backup vps  boto ap-southeast-1 ec2 DescribeInstances              deny
+        backup vps  boto us-east-1      secretsmanager ListSecrets         deny
+        backup vps  boto eu-west-1      secretsmanager ListSecrets         deny
+        backup vps  boto us-east-1      lambda ListFunctions20150331       deny=*
+        backup vps  boto us-east-1      ssm DescribeParameters             deny=arn:aws:ssm:us-east-1:${ACCOUNT}:*
+        backup vps  boto us-east-1      rds DescribeDBInstances            deny=arn:aws:rds:us-east-1:${ACCOUNT}:db:*
+        backup vps  boto us-east-1      cloudtrail DescribeTrails          deny=${TRAIL_ARN}
+        backup vps  boto us-east-1      sts AssumeRole                     deny=${ROLES.ops.arn} p=tryOps
14:41:12 backup vps  cli  us-east-1      iam AttachUserPolicy               p=selfAdmin
14:43:02 backup vps  boto us-east-1      iam ListUsers
+        backup vps  boto us-east-1      iam ListRoles
+        backup vps  boto us-east-1      iam GetAccountAuthorizationDetails
+        backup vps  boto us-east-1      s3 ListBuckets
+        backup vps  boto us-east-1      ec2 DescribeInstances
+        backup vps  boto us-east-1      secretsmanager ListSecrets
14:46:37 backup vps  cli  us-east-1      iam CreateAccessKey                p=keyForTom
14:47:52 backup vps  cli  us-east-1      iam CreateLoginProfile             p=password
14:50:18 backup vps  cli  us-east-1      sts AssumeRole                     role=ops session=backup-maint as=ops
14:51:09 ops    vps  cli  us-east-1      secretsmanager ListSecrets
+        ops    vps  cli  eu-west-1      secretsmanager ListSecrets
+        ops    vps  cli  us-east-1      secretsmanager GetSecretValue      secret=0
+        ops    vps  cli  us-east-1      secretsmanager GetSecretValue      secret=1
+        ops    vps  cli  us-east-1      secretsmanager GetSecretValue      secret=2
+        ops    vps  cli  us-east-1      secretsmanager GetSecretValue      secret=3
14:58:44 ops    vps2 boto us-east-1      ec2 DescribeRegions
+        ops    vps2 boto ap-southeast-3 ec2 DescribeImages
+        ops    vps2 boto ap-southeast-3 ec2 DescribeSubnets
+        ops    vps2 boto ap-southeast-3 ec2 ImportKeyPair                 p=keyPair
+        ops    vps2 boto ap-southeast-3 ec2 CreateSecurityGroup           p=sshGroup
+        ops    vps2 boto ap-southeast-3 ec2 AuthorizeSecurityGroupIngress p=openSsh
+        ops    vps2 boto ap-southeast-3 ec2 RunInstances                  type=p3.16xlarge n=4 err=Client.VcpuLimitExceeded:0
+        ops    vps2 boto ap-southeast-3 ec2 RunInstances                  type=g4dn.12xlarge n=2
+        ops    vps2 boto ap-southeast-3 ec2 RunInstances                  type=g4dn.12xlarge n=8 err=Client.InstanceLimitExceeded:4
+        ops    vps2 boto sa-east-1      ec2 DescribeImages
+        ops    vps2 boto sa-east-1      ec2 DescribeSubnets
+        ops    vps2 boto sa-east-1      ec2 ImportKeyPair                 p=keyPair
+        ops    vps2 boto sa-east-1      ec2 CreateSecurityGroup           p=sshGroup
+        ops    vps2 boto sa-east-1      ec2 AuthorizeSecurityGroupIngress p=openSsh
+        ops    vps2 boto sa-east-1      ec2 RunInstances                  type=p4d.24xlarge n=2 err=Server.InsufficientInstanceCapacity
+        ops    vps2 boto sa-east-1      ec2 RunInstances                  type=g5.12xlarge n=2
+        ops    vps2 boto sa-east-1      ec2 RunInstances                  type=c5.24xlarge n=3
+        ops    vps2 boto me-central-1   ec2 DescribeImages
+        ops    vps2 boto me-central-1   ec2 DescribeSubnets
+        ops    vps2 boto me-central-1   ec2 ImportKeyPair                 p=keyPair
+        ops    vps2 boto me-central-1   ec2 CreateSecurityGroup           p=sshGroup
+        ops    vps2 boto me-central-1   ec2 AuthorizeSecurityGroupIngress p=openSsh
+        ops    vps2 boto me-central-1   ec2 RunInstances                  type=g5.48xlarge n=4 err=Client.VcpuLimitExceeded:64
+        ops    vps2 boto me-central-1   ec2 RunInstances                  type=g4dn.xlarge n=4
15:09:15 ops    vps  cli  us-east-1      cloudtrail DescribeTrails
+        ops    vps  cli  us-east-1      cloudtrail GetTrailStatus
+        ops    vps  cli  us-east-1      cloudtrail StopLogging            p=trail scp=${TRAIL_ARN}
+        ops    vps  cli  us-east-1      cloudtrail DeleteTrail            p=trail scp=${TRAIL_ARN}
+        ops    vps  cli  us-east-1      guardduty ListDetectors
+        ops    vps  cli  us-east-1      guardduty DeleteDetector          p=detector scp=arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/a4c8e2f16b3d5a7c9e0f1b2d3c4e5f6a
+        ops    vps  cli  us-east-1      ec2 DescribeFlowLogs
+        ops    vps  cli  us-east-1      ec2 DeleteFlowLogs                p=flowLogs
15:13:30 ops    vps  cli  us-east-1      s3 PutBucketPolicy                p=shareExports
+        ops    vps  cli  us-east-1      iam UpdateAssumeRolePolicy        p=trustOutside
15:38:12 backup home web  us-east-1      signin ConsoleLogin               fail
15:38:49 backup home web  us-east-1      signin ConsoleLogin
15:39:30 backup home web  sa-east-1      ec2 DescribeInstances
+        backup home web  sa-east-1      ec2 DescribeInstanceStatus
+        backup home web  sa-east-1      servicequotas GetServiceQuota
+        backup home web  sa-east-1      servicequotas RequestServiceQuotaIncrease p=quota
+        backup home web  me-central-1   ec2 DescribeInstances
+        backup home web  ap-southeast-3 ec2 DescribeInstances
+        backup home web  us-east-1      ce GetCostAndUsage
22:14:03 outside later boto us-east-1    sts AssumeRole                    role=ops session=botocore-session-1795040040 as=ops2
22:14:35 ops2   later boto ap-southeast-3 ec2 DescribeInstances
+        ops2   later boto sa-east-1     ec2 DescribeInstances
+        ops2   later boto me-central-1  ec2 DescribeInstances
+        ops2   later boto me-central-1  ec2 RunInstances                  type=g4dn.2xlarge n=4
+        ops2   later boto sa-east-1     ec2 RunInstances                  type=g5.12xlarge n=2 err=Client.VcpuLimitExceeded:96
+        ops2   later boto us-east-1     secretsmanager GetSecretValue     secret=1
@2026-11-19
02:31:44 tom    later boto us-east-1     sts GetCallerIdentity
+        tom    later boto us-east-1     s3 ListBuckets
+        tom    later boto us-east-1     s3 GetBucketPolicy
+        tom    later boto eu-west-1     ec2 DescribeInstances
09:38:20 maria  office web us-east-1     signin ConsoleLogin
09:41:02 maria  office web us-east-1     iam ListAccessKeys                p=backupKeys
+        maria  office web us-east-1     iam UpdateAccessKey               p=disableKey
+        maria  office web us-east-1     iam DetachUserPolicy              p=dropAdmin
+        maria  office web us-east-1     iam DeleteLoginProfile            p=backupKeys
+        maria  office web us-east-1     iam ListAccessKeys                p=tomKeys
+        maria  office web us-east-1     iam DeleteAccessKey               p=dropTomKey
+        maria  office web us-east-1     iam UpdateAssumeRolePolicy        p=trustUs
+        maria  office web us-east-1     iam PutRolePolicy                 p=revoke
+        maria  office web us-east-1     s3 DeleteBucketPolicy             p=exportsPolicy
09:49:40 maria  office web ap-southeast-3 ec2 DescribeInstances
+        maria  office web ap-southeast-3 ec2 TerminateInstances
+        maria  office web sa-east-1     ec2 DescribeInstances
+        maria  office web sa-east-1     ec2 TerminateInstances
+        maria  office web me-central-1  ec2 DescribeInstances
+        maria  office web me-central-1  ec2 TerminateInstances
+        maria  office web us-east-1     ec2 CreateFlowLogs                p=newFlowLogs
`;

// The EC2 errors the mining attempts run into (type, count, region, quota limit).
const LIMIT_HELP =
  'Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.';
const EC2_ERRORS = {
  'Client.VcpuLimitExceeded': (type, n, region, limit) =>
    `You have requested more vCPU capacity than your current vCPU limit of ${limit} allows for the instance bucket that the specified instance type belongs to. ${LIMIT_HELP}`,
  'Client.InstanceLimitExceeded': (type, n, region, limit) =>
    `You have requested more instances (${n}) than your current instance limit of ${limit} allows for the specified instance type. ${LIMIT_HELP}`,
  'Server.InsufficientInstanceCapacity': (type, n, r) =>
    `We currently do not have sufficient ${type} capacity in the Availability Zone you requested (${r}a). Our system will be working on provisioning additional capacity. You can currently get ${type} capacity by not specifying an Availability Zone in your request or choosing ${r}b, ${r}c.`,
};
const launched = {}; // region -> instance ids, for the clean-up

function runInstances(c, t, region, type, n, err) {
  const [code, limit] = err?.split(':') ?? [];
  const error = code && [code, EC2_ERRORS[code](type, n, region, limit)];
  const launch = { imageId: ec2Id('ami'), minCount: n, maxCount: n, keyName: 'k' };
  const req = { instancesSet: { items: [launch] }, instanceType: type, clientToken: uuid() };
  req.userData = '<sensitiveDataRemoved>';
  const items = Array.from({ length: n }, (_, amiLaunchIndex) => {
    const instanceState = { code: 0, name: 'pending' };
    return { instanceId: ec2Id('i'), instanceType: type, instanceState, amiLaunchIndex };
  });
  const resp = { reservationId: ec2Id('r'), ownerId: ACCOUNT, instancesSet: { items } };
  call(c, t, `${region} ec2 RunInstances`, { req, error, resp });
  if (!error) (launched[region] ??= []).push(...items.map((i) => i.instanceId));
}

// Plays STORY. Identities come into being as the intruder gets them (AssumeRole ... as=name).
function playStory() {
  const outside = { type: 'AWSAccount', principalId: 'AIDAEXAMPLEZX8Q2ML4PA' };
  outside.accountId = OUTSIDE_ACCOUNT;
  const who = { backup: iamUser(USERS.backup), tom: iamUser(USERS.tom, TOM_BACKDOOR_KEY), outside };
  const consoles = {}; // identity -> caller of its current console session
  const tools = { cli: (src, name) => UA.kaliCli(cliCommand(src, name)), boto: UA.kaliBoto };
  let day;
  let t;
  for (const [when, id, from, tool, region, src, name, ...rest] of table(STORY)) {
    if (when.startsWith('@')) {
      day = when.slice(1);
      continue;
    }
    t = when === '+' ? t + int(2, 12) * 1000 : at(`${day}T${when}`);
    const o = Object.fromEntries(rest.map((kv) => [kv.split('=')[0], kv.split('=')[1] ?? '']));
    const c = tool === 'web' ? consoles[id] : caller(who[id], IP[from], tools[tool]);
    if (name === 'ConsoleLogin') {
      const browser = id === 'maria' ? UA.firefox : UA.linuxFirefox;
      consoles[id] = consoleLogin(USERS[id], t, IP[from], browser, !('fail' in o), id === 'maria');
    } else if (name === 'AssumeRole' && o.as) {
      const key = assumeRole(c, t, ROLES[o.role], o.session);
      who[o.as] = assumedRole(ROLES[o.role], o.session, key, t);
    } else if (name === 'GetSecretValue') readSecret(c, t, SECRETS[o.secret]);
    else if (name === 'RunInstances') runInstances(c, t, region, o.type, Number(o.n), o.err);
    else if (name === 'TerminateInstances') terminate(c, t, region, launched[region]);
    else {
      const options = { ...P[o.p]?.(t), ...('deny' in o && { deny: o.deny }) };
      if (o.scp) Object.assign(options, { deny: o.scp, scp: true });
      call(c, t, `${region} ${src} ${name}`, options);
    }
  }
}

// ------------------------------------------------------------------ delivery
// CloudTrail writes a file per region about every five minutes, named after the end of the
// window it covers (sometimes a window late), with a random 16-character suffix.
const WINDOW = 5 * MIN;
// 2026-11-18T14:25:00Z -> 20261118T1425Z (or 20261118T142500Z with seconds)
function stamp(t, seconds) {
  const compact = iso(t).replace(/[-:]/g, '');
  return `${compact.slice(0, seconds ? 15 : 13)}Z`;
}
const folder = (t) => iso(t).slice(0, 10).replace(/-/g, '/');

function pack() {
  events.sort((a, b) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : 0));
  const windows = new Map();
  for (const e of events) {
    const key = `${e.awsRegion} ${Math.floor(Date.parse(e.eventTime) / WINDOW)}`;
    windows.set(key, [...(windows.get(key) ?? []), e]);
  }
  const files = [];
  for (const [key, records] of windows) {
    const [region, n] = key.split(' ');
    const delivered = (Number(n) + 1 + (chance(0.2) ? 1 : 0)) * WINDOW;
    for (let i = 0; i < records.length; i += 40) {
      const chunk = records.slice(i, i + 40);
      // Within a file, records are roughly but not strictly in time order.
      for (let j = 1; j < chunk.length; j++) {
        if (chance(0.15)) [chunk[j - 1], chunk[j]] = [chunk[j], chunk[j - 1]];
      }
      const name = `${ACCOUNT}_CloudTrail_${region}_${stamp(delivered)}_${chars(16, ALNUM)}.json.gz`;
      const path = `AWSLogs/${ACCOUNT}/CloudTrail/${region}/${folder(delivered)}/${name}`;
      files.push({ region, delivered, path, body: JSON.stringify({ Records: chunk }), chunk });
    }
  }
  return files;
}

// The digest of one hour of us-east-1 deliveries. The hashes are the real SHA-256 of the
// uncompressed log files; the signatures are random hex, as no AWS key signed anything here.
function digest(files, end) {
  const start = end - HOUR;
  const name = (t) => `${ACCOUNT}_CloudTrail-Digest_us-east-1_${TRAIL}_us-east-1_${stamp(t, true)}`;
  const path = (t) =>
    `AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-east-1/${folder(t)}/${name(t)}.json.gz`;
  const inHour = (f) => f.region === 'us-east-1' && f.delivered > start && f.delivered <= end;
  const hour = files.filter(inHour);
  const logFiles = hour.reverse().map((f) => {
    const times = f.chunk.map((e) => e.eventTime).sort();
    const hashValue = createHash('sha256').update(f.body).digest('hex');
    const entry = { s3Bucket: BUCKET, s3Object: f.path, hashValue, hashAlgorithm: 'SHA-256' };
    return { ...entry, newestEventTime: times.at(-1), oldestEventTime: times[0] };
  });
  const newest = logFiles.map((l) => l.newestEventTime).sort();
  const oldest = logFiles.map((l) => l.oldestEventTime).sort();
  const body = { awsAccountId: ACCOUNT, digestStartTime: iso(start), digestEndTime: iso(end) };
  Object.assign(body, { digestS3Bucket: BUCKET, digestS3Object: path(end) });
  body.digestPublicKeyFingerprint = chars(32, HEX);
  body.digestSignatureAlgorithm = 'SHA256withRSA';
  Object.assign(body, { newestEventTime: newest.at(-1), oldestEventTime: oldest[0] });
  Object.assign(body, { previousDigestS3Bucket: BUCKET, previousDigestS3Object: path(start) });
  body.previousDigestHashValue = chars(64, HEX);
  body.previousDigestHashAlgorithm = 'SHA-256';
  body.previousDigestSignature = chars(512, HEX);
  body.logFiles = logFiles;
  return { path: path(end), body: JSON.stringify(body) };
}

function write({ path, body }) {
  const file = join(SAMPLE, path);
  mkdirSync(dirname(file), { recursive: true });
  const gz = gzipSync(Buffer.from(body), { level: 9 });
  gz[9] = 3; // gzip header "OS" byte: always Unix, so the bytes do not depend on the platform
  writeFileSync(file, gz);
}

ordinaryDays();
playStory();
const files = pack();
rmSync(join(SAMPLE, 'AWSLogs'), { recursive: true, force: true });
files.forEach(write);
write(digest(files, at('2026-11-18T15:17:39')));
console.log(`${events.length} events in ${files.length} log files and 1 digest file`);
