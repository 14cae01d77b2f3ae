import { BASE32, Random, WeightedChoice } from './random.js';
import { AGENT_SHAPES, randomIp, REGIONS, ROLES, userNameOf } from './vocabulary.js';

export type IdentityType = 'Root' | 'IAMUser' | 'AssumedRole';

/** One calling identity and the values it shows up with; fixed before any event is made. */
export interface Identity {
  type: IdentityType;
  arn: string;
  accountId: string;
  /** The `userIdentity` object without its access key, which varies from call to call. */
  userIdentity: Record<string, unknown>;
  /** Long-term AKIA keys (IAM users only). */
  longTermKeys: string[];
  /** Temporary ASIA keys, one per session (roles, console sign-ins). */
  sessionKeys: string[];
  sourceIPs: string[];
  userAgents: string[];
  /** Indexes of the template calls this identity makes: its job, as far as the logs show. */
  repertoire: number[];
}

/** Every value the events may take: its size depends on the options, never on the event count. */
export interface Population {
  accounts: string[];
  identities: Identity[];
  /** A few identities make most of the calls, as in real accounts. */
  busiest: WeightedChoice<Identity>;
  regions: WeightedChoice<string>;
}

/** Builds the identities and their values from the seed alone: same seed, same population. */
export function createPopulation(options: {
  seed: string;
  identities: number;
  accounts: number;
  templateUserAgents: readonly string[];
  templateCount: number;
  /** When the role sessions were created: the start of the corpus. */
  sessionStart: string;
}): Population {
  const random = new Random(options.seed, 'population');
  const accounts = uniqueValues(options.accounts, () => random.chars('0123456789', 12));
  const ipPool = uniqueValues(Math.max(32, options.identities * 2), () => randomIp(random));
  const agentPool = [
    ...options.templateUserAgents,
    ...uniqueValues(40, () => random.pick(AGENT_SHAPES)(random)),
  ];

  const arns = new Set<string>();
  const identities: Identity[] = [];
  for (let i = 0; i < options.identities; i++) {
    const accountId = accounts[i % accounts.length] as string;
    const type: IdentityType =
      i < accounts.length && options.identities >= 10 * accounts.length
        ? 'Root'
        : random.chance(0.45)
          ? 'IAMUser'
          : 'AssumedRole';
    const identity = createIdentity(random, type, accountId, arns);
    if (type === 'AssumedRole') setSessionStart(identity, options.sessionStart);
    identity.sourceIPs = Array.from({ length: random.between(1, 4) }, () => random.pick(ipPool));
    identity.userAgents = Array.from({ length: random.between(1, 3) }, () =>
      random.pick(agentPool),
    );
    // A few dozen kinds of call at most: few enough that even a rarely active identity makes
    // each of them, and fails at some, within a million events. The distinct values of the
    // report then stop growing early, which is what the many-events case relies on.
    identity.repertoire = Array.from({ length: random.between(4, 40) }, () =>
      random.below(options.templateCount),
    );
    identities.push(identity);
  }

  const ranks = shuffledRanks(random, identities.length);
  return {
    accounts,
    identities,
    busiest: new WeightedChoice(
      identities,
      ranks.map((rank) => 1 / (rank + 1)),
    ),
    regions: new WeightedChoice(
      REGIONS.map(([name]) => name),
      REGIONS.map(([, weight]) => weight),
    ),
  };
}

function createIdentity(
  random: Random,
  type: IdentityType,
  accountId: string,
  arns: Set<string>,
): Identity {
  const keys = (prefix: string, count: number) =>
    Array.from({ length: count }, () => prefix + random.chars(BASE32, 16));
  const identity: Identity = {
    type,
    arn: '',
    accountId,
    userIdentity: {},
    longTermKeys: type === 'IAMUser' ? keys('AKIA', random.between(1, 2)) : [],
    sessionKeys: keys('ASIA', type === 'AssumedRole' ? random.between(1, 3) : random.between(0, 1)),
    sourceIPs: [],
    userAgents: [],
    repertoire: [],
  };
  if (type === 'Root') {
    identity.arn = `arn:aws:iam::${accountId}:root`;
    identity.userIdentity = {
      type,
      principalId: accountId,
      arn: identity.arn,
      accountId,
      accessKeyId: '',
    };
    if (identity.sessionKeys.length === 0) identity.sessionKeys = keys('ASIA', 1);
  } else if (type === 'IAMUser') {
    const userName = distinctName(
      arns,
      (n) => `arn:aws:iam::${accountId}:user/${n}`,
      () => userNameOf(random),
    );
    identity.arn = `arn:aws:iam::${accountId}:user/${userName}`;
    const principalId = `AIDA${random.chars(BASE32, 17)}`;
    identity.userIdentity = {
      type,
      principalId,
      arn: identity.arn,
      accountId,
      accessKeyId: '',
      userName,
    };
  } else {
    identity.arn = assumeRole(random, accountId, arns, identity);
  }
  arns.add(identity.arn);
  return identity;
}

/** Fills in an assumed-role session; returns its ARN. */
function assumeRole(
  random: Random,
  accountId: string,
  arns: Set<string>,
  identity: Identity,
): string {
  const role = random.pick(ROLES);
  const roleName = role.name(random);
  const roleArn = `arn:aws:iam::${accountId}:role/${roleName}`;
  const session = distinctName(
    arns,
    (n) => `arn:aws:sts::${accountId}:assumed-role/${roleName}/${n}`,
    () => role.session(random),
  );
  const roleId = `AROA${random.chars(BASE32, 17)}`;
  const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session}`;
  identity.userIdentity = {
    type: 'AssumedRole',
    principalId: `${roleId}:${session}`,
    arn,
    accountId,
    accessKeyId: '',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: roleId,
        arn: roleArn,
        accountId,
        userName: roleName,
      },
      webIdFederationData: {},
      attributes: { creationDate: '', mfaAuthenticated: 'false' },
    },
  };
  return arn;
}

function setSessionStart(identity: Identity, creationDate: string): void {
  const context = identity.userIdentity.sessionContext as { attributes: { creationDate: string } };
  context.attributes.creationDate = creationDate;
}

/** Draws names until the ARN built from one is new, numbering it when the draws keep clashing. */
function distinctName(
  arns: Set<string>,
  arnOf: (name: string) => string,
  draw: () => string,
): string {
  for (let attempt = 0; attempt < 5; attempt++) {
    const name = draw();
    if (!arns.has(arnOf(name))) return name;
  }
  const base = draw();
  for (let n = 2; ; n++) if (!arns.has(arnOf(`${base}-${n}`))) return `${base}-${n}`;
}

function uniqueValues(count: number, draw: () => string): string[] {
  const values = new Set<string>();
  while (values.size < count) values.add(draw());
  return [...values];
}

/** A random order of 0..count-1, so the busiest identities are not simply the first made. */
function shuffledRanks(random: Random, count: number): number[] {
  const ranks = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [ranks[i], ranks[j]] = [ranks[j] as number, ranks[i] as number];
  }
  return ranks;
}
