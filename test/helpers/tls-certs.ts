// Test PKI generated with openssl into a temp dir: a CA, a server cert for DNS name prom.test only (so server_name
// is provably used), a client cert, and an unrelated CA. Plus a bcrypt hash for web.config basic auth users.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  dir: string;
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  /** A CA that signed nothing we serve. */
  otherCaFile: string;
  /** The DNS name in the server certificate (its only SAN). */
  serverName: string;
  read(file: string): string;
  cleanup(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string): void {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`], dir);
  openssl(['req', '-x509', '-new', '-key', `${name}.key`, '-sha256', '-days', '2', '-subj', `/CN=${name}`, '-out', `${name}.crt`], dir);
}

function makeLeaf(dir: string, name: string, ca: string, ext: string): void {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`], dir);
  openssl(['req', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-out', `${name}.csr`], dir);
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2', '-sha256',
      '-extfile', `${name}.ext`, '-out', `${name}.crt`],
    dir,
  );
}

export function makeTestPki(serverName = 'prom.test'): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'rrx-pki-'));
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  makeLeaf(dir, 'server', 'ca', `subjectAltName=DNS:${serverName}\nextendedKeyUsage=serverAuth\n`);
  makeLeaf(dir, 'client', 'ca', 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    serverCertFile: join(dir, 'server.crt'),
    serverKeyFile: join(dir, 'server.key'),
    clientCertFile: join(dir, 'client.crt'),
    clientKeyFile: join(dir, 'client.key'),
    otherCaFile: join(dir, 'other-ca.crt'),
    serverName,
    read: (file) => readFileSync(file, 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** bcrypt hash ($2b$, cost 5) through libc crypt(3) via perl (libxcrypt implements bcrypt on Debian). */
export function bcryptHash(password: string): string {
  const salt = Array.from(randomBytes(21), (b) => BCRYPT_ALPHABET[b % 64]).join('') + '.';
  const hash = execFileSync('perl', ['-e', 'print crypt($ENV{RRX_PW}, $ENV{RRX_SALT})'], {
    env: { ...process.env, RRX_PW: password, RRX_SALT: `$2b$05$${salt}` },
  }).toString();
  if (!hash.startsWith('$2b$05$') || hash.length !== 60) throw new Error('crypt(3) here does not implement bcrypt');
  return hash;
}
