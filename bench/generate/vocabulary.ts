// The names, places and programs that generated identities are made of.
import { HEX, type Random } from './random.js';

// Weighted by how often each region shows up in real trails: us-east-1 dominates because global
// services (IAM, STS, CloudFront) log there.
export const REGIONS: [string, number][] = [
  ['us-east-1', 40],
  ['us-west-2', 15],
  ['eu-west-1', 10],
  ['eu-central-1', 6],
  ['us-east-2', 5],
  ['ap-northeast-1', 5],
  ['ap-southeast-1', 3],
  ['ap-southeast-2', 3],
  ['eu-west-2', 3],
  ['ca-central-1', 2],
  ['sa-east-1', 2],
  ['ap-south-1', 2],
  ['eu-north-1', 1],
  ['ap-northeast-2', 1],
  ['eu-west-3', 1],
  ['us-west-1', 1],
];

const GIVEN_NAMES = words(
  'alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy rupert sybil trent victor walter yuki zoe amir chen dmitri fatima hiro ines kwame lena mateo noor priya sven tariq uma wei',
);
const SURNAMES = words(
  'smith garcia kim nguyen muller rossi tanaka okafor silva novak haddad larsen cohen patel dubois kowalski',
);
const DUTIES = words(
  'backup deploy etl billing terraform monitoring scanner ci reporting ingest audit sync',
);

/** Role names as they appear in real accounts, each with the way its sessions are named. */
export const ROLES: { name: (random: Random) => string; session: (random: Random) => string }[] = [
  { name: () => 'OrganizationAccountAccessRole', session: personSession },
  {
    name: (r) => `AWSReservedSSO_AdministratorAccess_${r.chars(HEX, 16)}`,
    session: (r) => `${personSession(r)}@example.com`,
  },
  {
    name: (r) => `AWSReservedSSO_ReadOnlyAccess_${r.chars(HEX, 16)}`,
    session: (r) => `${personSession(r)}@example.com`,
  },
  { name: (r) => `${r.pick(DUTIES)}-lambda-role`, session: (r) => `${r.pick(DUTIES)}-handler` },
  {
    name: (r) => `github-actions-${r.pick(DUTIES)}`,
    session: (r) => `GitHubActions-${r.chars('0123456789', 10)}`,
  },
  { name: () => 'ecsTaskExecutionRole', session: (r) => r.chars(HEX, 32) },
  {
    name: (r) => `eks-${r.pick(DUTIES)}-NodeInstanceRole`,
    session: (r) => `i-0${r.chars(HEX, 16)}`,
  },
  {
    name: (r) => `${r.pick(DUTIES)}-automation`,
    session: (r) => `botocore-session-${r.chars('0123456789', 10)}`,
  },
];

/** A fixed pool of tool versions, so agents vary like in a fleet with staggered upgrades. */
export const AGENT_SHAPES: ((random: Random) => string)[] = [
  (r) =>
    `aws-cli/2.${r.between(9, 22)}.${r.between(0, 40)} Python/3.11.${r.between(0, 9)} Linux/5.10.${r.between(100, 230)}-${r.between(100, 220)}.amzn2.x86_64 exe/x86_64.amzn.2 prompt/off command/${r.pick(['s3.ls', 'ec2.describe-instances', 'sts.get-caller-identity', 'iam.list-users'])}`,
  (r) =>
    `Boto3/1.34.${r.between(0, 160)} md/Botocore#1.34.${r.between(0, 160)} ua/2.0 os/linux#5.15.0 md/arch#x86_64 lang/python#3.12.${r.between(0, 8)} cfg/retry-mode#legacy Botocore/1.34.${r.between(0, 160)}`,
  (r) =>
    `aws-sdk-go-v2/1.${r.between(20, 36)}.${r.between(0, 9)} os/linux lang/go#1.22.${r.between(0, 9)} md/GOOS#linux md/GOARCH#amd64 api/s3#1.${r.between(40, 60)}.0`,
  (r) =>
    `Terraform/1.${r.between(5, 9)}.${r.between(0, 6)} (+https://www.terraform.io) terraform-provider-aws/5.${r.between(10, 80)}.0 (+https://registry.terraform.io/providers/hashicorp/aws)`,
  (r) =>
    `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${r.between(118, 131)}.0.0.0 Safari/537.36`,
];

export function userNameOf(random: Random): string {
  return random.chance(0.7)
    ? `${random.pick(GIVEN_NAMES)}.${random.pick(SURNAMES)}`
    : `svc-${random.pick(DUTIES)}`;
}

function personSession(random: Random): string {
  return `${random.pick(GIVEN_NAMES)}.${random.pick(SURNAMES)}`;
}

/** Mostly public-looking IPv4 addresses; some IPv6 from the documentation range 2001:db8::/32. */
export function randomIp(random: Random): string {
  if (random.chance(0.1)) {
    return `2001:db8:${Array.from({ length: 3 }, () => random.chars(HEX, 4).replace(/^0+(?=.)/, '')).join(':')}::${random.chars(HEX, 3)}`;
  }
  for (;;) {
    const octets = [
      random.between(1, 223),
      random.below(256),
      random.below(256),
      random.between(1, 254),
    ];
    const [a, b] = octets as [number, number];
    const isPrivate =
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b < 128);
    if (!isPrivate) return octets.join('.');
  }
}

function words(list: string): string[] {
  return list.split(' ');
}
