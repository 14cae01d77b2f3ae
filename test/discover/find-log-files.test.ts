import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findLogFiles, type Discovery } from '../../src/discover/index.js';
import { makeTempDir } from '../helpers.js';

/** The discovery with every path relative to `root`, so expectations read like the tree. */
function discover(root: string) {
  const found: Discovery = findLogFiles(root);
  return {
    files: found.files.map((file) => relative(root, file.path)),
    digestFiles: found.digestFiles.map((path) => relative(root, path)),
    problems: found.problems.map((problem) => ({ ...problem, path: relative(root, problem.path) })),
  };
}

function writeTree(root: string, files: string[]): void {
  for (const name of files) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `{"Records":[]} ${name}`);
  }
}

describe('findLogFiles', () => {
  const temp = makeTempDir();
  after(temp.remove);
  let count = 0;
  const freshRoot = () => {
    const root = join(temp.path, `tree-${++count}`);
    mkdirSync(root);
    return root;
  };

  it('walks the tree recursively in sorted order', () => {
    const root = freshRoot();
    writeTree(root, [
      'AWSLogs/111122223333/CloudTrail/us-west-2/2024/03/02/b.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/a.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/Z.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/02/29/c.json.gz',
      'top.json',
    ]);
    assert.deepEqual(discover(root).files, [
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/02/29/c.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/Z.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/a.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-west-2/2024/03/02/b.json.gz',
      'top.json',
    ]);
  });

  it('takes the candidate extensions whatever their case, and nothing else', () => {
    const root = freshRoot();
    const candidates = [
      'a.json',
      'b.JSON',
      'c.jsonl',
      'd.JsonL',
      'e.json.gz',
      'f.JSON.GZ',
      'g.jsonl.gz',
      'h.gz',
      'i.GZ',
    ];
    const others = ['j.log', 'k.txt', 'l.json.bak', 'm.gzip', 'n.tgz', 'json', 'o.json.zip', 'p'];
    writeTree(root, [...others, ...candidates]);
    assert.deepEqual(discover(root), { files: candidates, digestFiles: [], problems: [] });
  });

  it('counts files under CloudTrail-Digest/ as digest files, not log files', () => {
    const root = freshRoot();
    writeTree(root, [
      'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/d.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/a.json.gz',
      'CloudTrail-Digest.json',
    ]);
    assert.deepEqual(discover(root), {
      files: [
        'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/a.json.gz',
        'CloudTrail-Digest.json',
      ],
      digestFiles: ['AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/d.json.gz'],
      problems: [],
    });
  });

  describe('with symbolic links', () => {
    let root = '';
    before(() => {
      root = freshRoot();
      writeTree(root, ['real/one.json', 'real/sub/two.json.gz', 'solo/three.jsonl']);
      symlinkSync('../solo/three.jsonl', join(root, 'real', 'alias.json'));
      symlinkSync('real', join(root, 'a-link-to-real'));
      symlinkSync('..', join(root, 'real', 'sub', 'loop'));
    });

    it('follows links to files and folders but reads each real file once', () => {
      const { files } = discover(root);
      assert.deepEqual(files, [
        'a-link-to-real/alias.json',
        'a-link-to-real/one.json',
        'a-link-to-real/sub/two.json.gz',
      ]);
    });

    it('ends a link loop without a problem', () => {
      assert.deepEqual(discover(root).problems, []);
    });
  });

  it('reads a file reached only through a link to a folder outside the tree', () => {
    const root = freshRoot();
    const outside = freshRoot();
    writeTree(outside, ['elsewhere.json']);
    symlinkSync(outside, join(root, 'linked'));
    assert.deepEqual(discover(root).files, ['linked/elsewhere.json']);
  });

  it('reports a broken symbolic link with a candidate name', () => {
    const root = freshRoot();
    writeTree(root, ['good.json']);
    symlinkSync('missing.json', join(root, 'broken.json'));
    assert.deepEqual(discover(root), {
      files: ['good.json'],
      digestFiles: [],
      problems: [
        { path: 'broken.json', reason: 'broken symbolic link, or removed during the scan' },
      ],
    });
  });

  it('skips a FIFO named x.json with a reason instead of opening it', () => {
    const root = freshRoot();
    writeTree(root, ['a.json']);
    execFileSync('mkfifo', [join(root, 'x.json')]);
    symlinkSync('x.json', join(root, 'y-link-to-fifo.json'));
    assert.deepEqual(discover(root), {
      files: ['a.json'],
      digestFiles: [],
      problems: [
        { path: 'x.json', reason: 'not a regular file (FIFO, socket or device); skipped' },
        {
          path: 'y-link-to-fifo.json',
          reason: 'not a regular file (FIFO, socket or device); skipped',
        },
      ],
    });
  });
});
