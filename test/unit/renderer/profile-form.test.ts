import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../shared/api/profile-types';
import { formFieldKey, newProfileForm, profileFormFromView, toProfileInput } from '../../../renderer/src/lib/profiles/profile-form';
import { formatDuration } from '../../../renderer/src/lib/time-range';

const view: ProfileView = {
  id: 'p1',
  name: 'prod',
  replicaLabel: 'replica',
  mergeStrategy: 'penalty',
  timeoutMs: 45_000,
  partialPolicy: 'strict',
  compat: 'prometheus2',
  nodes: [
    {
      id: 'n1',
      name: 'prom-a',
      endpoint: {
        url: 'https://a.example/api/v1/read',
        name: 'a',
        remoteTimeoutMs: 60_000,
        headerNames: ['X-Scope-OrgID'],
        basicAuth: { username: 'reader' },
        tlsConfig: { caFile: '/etc/ca.pem', minVersion: 'TLS12', insecureSkipVerify: false },
        proxyUrl: 'http://proxy:3128',
        followRedirects: false,
        requiredMatchers: { env: 'prod' },
        acceptedResponseTypes: ['STREAMED_XOR_CHUNKS', 'SAMPLES'],
        secrets: {
          basicAuthPassword: { set: true },
          authorizationCredentials: { set: false },
          oauth2ClientSecret: { set: false },
          tlsKey: { set: false },
          headers: { set: true },
          proxyUrlUserinfo: { set: true },
        },
      },
    },
  ],
};

describe('profile form ↔ ProfileInput', () => {
  it('round-trips public fields and keeps stored secrets by default', () => {
    const form = profileFormFromView(view);
    expect(form.timeout).toBe('45s');
    expect(form.nodes[0].basicAuthPassword).toEqual({ isSet: true, mode: 'keep', value: '' });
    expect(form.nodes[0].proxyUserinfoSet).toBe(true);
    const { input, errors } = toProfileInput(form);
    expect(errors).toEqual({});
    expect(input).toMatchObject({ id: 'p1', name: 'prod', replicaLabel: 'replica', mergeStrategy: 'penalty', timeoutMs: 45_000, partialPolicy: 'strict', compat: 'prometheus2' });
    const e = input.nodes[0].endpoint;
    expect(input.nodes[0].id).toBe('n1');
    expect(e).toMatchObject({
      url: 'https://a.example/api/v1/read',
      name: 'a',
      remoteTimeoutMs: 60_000,
      headerNames: ['X-Scope-OrgID'],
      basicAuth: { username: 'reader' },
      tlsConfig: { caFile: '/etc/ca.pem', minVersion: 'TLS12' },
      proxyUrl: 'http://proxy:3128',
      followRedirects: false,
      requiredMatchers: { env: 'prod' },
      acceptedResponseTypes: ['STREAMED_XOR_CHUNKS', 'SAMPLES'],
    });
    expect(e.enableHttp2).toBeUndefined();
    expect(e.secrets).toEqual({
      basicAuthPassword: { action: 'keep' },
      authorizationCredentials: { action: 'keep' },
      oauth2ClientSecret: { action: 'keep' },
      tlsKey: { action: 'keep' },
      headers: { action: 'keep' },
    });
  });
  it('replacing and clearing secrets become one-way patches', () => {
    const form = profileFormFromView(view);
    const n = form.nodes[0];
    n.basicAuthPassword = { isSet: true, mode: 'set', value: 's3cret' };
    n.tlsKey = { isSet: false, mode: 'set', value: 'KEY' };
    n.headerValues = { isSet: true, mode: 'set', value: '' };
    n.headers = [{ name: 'X-Scope-OrgID', value: 'tenant-1' }];
    const e = toProfileInput(form).input.nodes[0].endpoint;
    expect(e.secrets?.basicAuthPassword).toEqual({ action: 'set', value: 's3cret' });
    expect(e.secrets?.tlsKey).toEqual({ action: 'set', value: 'KEY' });
    expect(e.secrets?.headers).toEqual({ action: 'set', value: { 'X-Scope-OrgID': 'tenant-1' } });
    n.basicAuthPassword.mode = 'clear';
    expect(toProfileInput(form).input.nodes[0].endpoint.secrets?.basicAuthPassword).toEqual({ action: 'clear' });
  });
  it('switching an auth section off clears its stored secret and drops its fields', () => {
    const form = profileFormFromView(view);
    form.nodes[0].basicAuth = false;
    form.nodes[0].headers = [];
    const e = toProfileInput(form).input.nodes[0].endpoint;
    expect(e.basicAuth).toBeUndefined();
    expect(e.secrets?.basicAuthPassword).toEqual({ action: 'clear' });
    expect(e.secrets?.headers).toEqual({ action: 'clear' });
  });
  it('reports bad durations and name=value lines at the field path the app uses', () => {
    const form = newProfileForm();
    form.timeout = 'soon';
    form.nodes[1].remoteTimeout = '5 min';
    form.nodes[0].requiredMatchers = 'env';
    form.nodes[0].url = 'prom-a:9090';
    form.nodes[1].url = 'http://prom-b:9090/api/v1/read';
    const { errors } = toProfileInput(form);
    expect(errors).toEqual({
      timeoutMs: expect.any(String),
      'nodes[1].endpoint.remoteTimeoutMs': expect.any(String),
      'nodes[0].endpoint.requiredMatchers': 'Line 1: write name=value.',
    });
  });
  it('takes a base URL as its read endpoint and words a bad one once, naming the node', () => {
    const form = newProfileForm();
    form.nodes[0].url = '127.0.0.1:9091';
    form.nodes[1].url = 'ftp://prom-b';
    const { input, errors } = toProfileInput(form);
    expect(input.nodes[0].endpoint.url).toBe('http://127.0.0.1:9091/api/v1/read');
    expect(errors).toEqual({ 'nodes[1].endpoint.url': 'The URL of node 2 must start with http:// or https://.' });
  });
  it('a new profile has two nodes, partial policy and sensible defaults', () => {
    const { input } = toProfileInput(newProfileForm());
    expect(input.nodes.map((n) => n.name)).toEqual(['node-a', 'node-b']);
    expect(input.timeoutMs).toBe(30_000);
    expect(input.id).toBeUndefined();
    expect(input.nodes[0].id).toBeUndefined();
  });
  it('the query timeout: empty means the default, a duration round-trips, a bad one is reported', () => {
    const form = newProfileForm();
    expect(form.queryTimeout).toBe('');
    expect(toProfileInput(form).input.queryTimeoutMs).toBeUndefined();
    form.queryTimeout = '90s';
    expect(toProfileInput(form).input.queryTimeoutMs).toBe(90_000);
    expect(profileFormFromView({ ...view, queryTimeoutMs: 300_000 }).queryTimeout).toBe(formatDuration(300_000));
    expect(profileFormFromView(view).queryTimeout).toBe('');
    for (const bad of ['soon', '10ms', '2h']) {
      form.queryTimeout = bad;
      expect(toProfileInput(form).errors.queryTimeoutMs).toMatch(/from 1s to 1h/);
    }
  });
  it('the memory budget: empty means sized to the machine, a size round-trips, a bad or tiny one is reported', () => {
    const form = newProfileForm();
    expect(form.memoryBudget).toBe('');
    expect(toProfileInput(form).input.maxMemoryBytes).toBeUndefined();
    form.memoryBudget = '2GiB';
    expect(toProfileInput(form).input.maxMemoryBytes).toBe(2 * 1024 ** 3);
    expect(profileFormFromView({ ...view, maxMemoryBytes: 512 * 1024 ** 2 }).memoryBudget).toBe('512 MiB');
    expect(profileFormFromView(view).memoryBudget).toBe('');
    for (const bad of ['plenty', '2', '10KiB', '2TiB']) {
      form.memoryBudget = bad;
      expect(toProfileInput(form).errors.maxMemoryBytes, bad).toMatch(/from 1MiB to 1TiB/);
    }
  });
  it('oauth2 scopes and params parse from text', () => {
    const form = newProfileForm();
    Object.assign(form.nodes[0], { oauth2: true, oauth2ClientId: 'id', oauth2TokenUrl: 'https://t', oauth2Scopes: 'read, write', oauth2EndpointParams: 'audience=x' });
    form.nodes[0].oauth2ClientSecret = { isSet: false, mode: 'set', value: 'cs' };
    const e = toProfileInput(form).input.nodes[0].endpoint;
    expect(e.oauth2).toEqual({ clientId: 'id', tokenUrl: 'https://t', clientSecretFile: undefined, scopes: ['read', 'write'], endpointParams: { audience: 'x' } });
    expect(e.secrets?.oauth2ClientSecret).toEqual({ action: 'set', value: 'cs' });
  });
});

describe('error field mapping', () => {
  it('maps the app’s dotted paths onto form keys', () => {
    expect(formFieldKey('profile.nodes[1].endpoint.url')).toBe('nodes[1].endpoint.url');
    expect(formFieldKey('profile.nodes.1.endpoint.url')).toBe('nodes[1].endpoint.url');
    expect(formFieldKey('profile.timeoutMs')).toBe('timeoutMs');
    expect(formFieldKey('profile.nodes[0].endpoint.secrets.basicAuthPassword.value')).toBe('nodes[0].endpoint.secrets.basicAuthPassword');
    expect(formFieldKey(undefined)).toBeNull();
  });
});
