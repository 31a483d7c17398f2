// The profile editor's query API, group and engine fields, and the answer badge's text: form ↔ contract.
import { describe, expect, it } from 'vitest';
import type { ProfileView } from '@shared/api/profile-types';
import { profileInputSchema } from '@shared/api/schemas';
import { newEngineForm, newProfileForm, profileFormFromView, toProfileInput } from '../../../renderer/src/lib/profiles/profile-form';
import { buildQueryRequest, newPanel } from '../../../renderer/src/lib/query/panel-model';
import { answerBadgeLabel } from '../../../renderer/src/lib/query/answer-badge';

const secrets = { basicAuthPassword: { set: false }, authorizationCredentials: { set: false }, oauth2ClientSecret: { set: false }, tlsKey: { set: false }, headers: { set: false }, proxyUrlUserinfo: { set: false } };

describe('profile form: query APIs, groups, engines', () => {
  it('a node\'s query API takes the node\'s transport settings; group and engines go into the input', () => {
    const form = newProfileForm();
    form.nodes[0].url = 'http://a:9090/api/v1/read';
    form.nodes[0].queryApiUrl = 'http://a:9090';
    form.nodes[0].group = 'shard-1';
    form.nodes[0].basicAuth = true;
    form.nodes[0].basicAuthUsername = 'reader';
    form.nodes[1].url = 'http://b:9090/api/v1/read';
    const engine = newEngineForm();
    engine.name = 'thanos';
    engine.url = 'http://thanos:10902';
    engine.dedup = 'true';
    engine.replicaLabels = 'replica, prometheus_replica';
    engine.tenant = 'team-a';
    form.engines.push(engine);
    const { input, errors } = toProfileInput(form);
    expect(errors).toEqual({});
    expect(profileInputSchema.check(input, '')).toEqual([]);
    expect(input.nodes[0]).toMatchObject({ group: 'shard-1', queryApi: { url: 'http://a:9090', basicAuth: { username: 'reader' } } });
    expect(input.nodes[1].queryApi).toBeUndefined();
    expect(input.engines).toEqual([{ name: 'thanos', queryApi: { url: 'http://thanos:10902', engine: { dedup: true, replicaLabels: ['replica', 'prometheus_replica'], tenant: 'team-a' } } }]);
  });

  it('a stored engine and query API keep their own settings and secrets when only the URL is edited', () => {
    const view: ProfileView = {
      id: 'p', name: 'fleet', mergeStrategy: 'union', timeoutMs: 30_000, partialPolicy: 'partial', compat: 'prometheus3',
      nodes: [{ id: 'n', name: 'a', group: 'g1', endpoint: { url: 'http://a/api/v1/read', secrets }, queryApi: { url: 'http://a-api', headerNames: ['X-T'], secrets: { ...secrets, headers: { set: true } } } }],
      engines: [{ id: 'e', name: 'mimir', queryApi: { url: 'http://mimir/prometheus', authorization: { type: 'Bearer' }, engine: { tenant: 't' }, secrets: { ...secrets, authorizationCredentials: { set: true } } } }],
    };
    const form = profileFormFromView(view);
    expect(form.nodes[0]).toMatchObject({ queryApiUrl: 'http://a-api', group: 'g1' });
    expect(form.engines[0]).toMatchObject({ name: 'mimir', url: 'http://mimir/prometheus', tenant: 't' });
    form.engines[0].url = 'http://mimir2/prometheus';
    const { input } = toProfileInput(form);
    expect(input.nodes[0].queryApi).toMatchObject({ url: 'http://a-api', headerNames: ['X-T'], secrets: { headers: { action: 'keep' } } });
    expect(input.engines?.[0]).toMatchObject({ id: 'e', queryApi: { url: 'http://mimir2/prometheus', authorization: { type: 'Bearer' }, engine: { tenant: 't' }, secrets: { authorizationCredentials: { action: 'keep' } } } });
    expect(profileInputSchema.check(input, '')).toEqual([]);
  });
});

describe('profile form: an engine\'s and a node query API\'s connection settings', () => {
  it('an engine takes auth, TLS, proxy and headers like a node; its secrets go out as one-way patches', () => {
    const form = newProfileForm();
    form.nodes[0].url = 'http://a:9090/api/v1/read';
    form.nodes[1].url = 'http://b:9090/api/v1/read';
    const engine = newEngineForm();
    engine.name = 'thanos';
    engine.url = 'https://thanos:10902';
    const t = engine.transport;
    t.basicAuth = true;
    t.basicAuthUsername = 'reader';
    t.basicAuthPassword = { isSet: false, mode: 'set', value: 'pw-1' };
    t.tlsCaFile = '/etc/ca.pem';
    t.tlsCertFile = '/etc/client.pem';
    t.tlsKeyFile = '/etc/client.key';
    t.tlsServerName = 'thanos.internal';
    t.tlsInsecureSkipVerify = true;
    t.proxyUrl = 'http://proxy:3128';
    t.headers = [{ name: 'X-Team', value: 'obs' }];
    t.headerValues = { isSet: false, mode: 'set', value: '' };
    engine.tenant = 'team-a';
    form.engines.push(engine);
    const { input, errors } = toProfileInput(form);
    expect(errors).toEqual({});
    expect(profileInputSchema.check(input, '')).toEqual([]);
    expect(input.engines?.[0].queryApi).toEqual({
      url: 'https://thanos:10902',
      headerNames: ['X-Team'],
      basicAuth: { username: 'reader', passwordFile: undefined },
      tlsConfig: { ca: undefined, caFile: '/etc/ca.pem', cert: undefined, certFile: '/etc/client.pem', keyFile: '/etc/client.key', serverName: 'thanos.internal', insecureSkipVerify: true, minVersion: undefined },
      proxyUrl: 'http://proxy:3128',
      engine: { tenant: 'team-a' },
      secrets: { basicAuthPassword: { action: 'set', value: 'pw-1' }, authorizationCredentials: { action: 'keep' }, oauth2ClientSecret: { action: 'keep' }, tlsKey: { action: 'keep' }, headers: { action: 'set', value: { 'X-Team': 'obs' } } },
    });
  });

  it('a stored engine shows its secrets as set only; switching basic auth off clears the stored password', () => {
    const view: ProfileView = {
      id: 'p', name: 'fleet', mergeStrategy: 'union', timeoutMs: 30_000, partialPolicy: 'partial', compat: 'prometheus3', nodes: [{ id: 'n', name: 'a', endpoint: { url: 'http://a/api/v1/read', secrets } }],
      engines: [{ id: 'e', name: 'q', queryApi: { url: 'http://q:9090', basicAuth: { username: 'u' }, secrets: { ...secrets, basicAuthPassword: { set: true } } } }],
    };
    const form = profileFormFromView(view);
    expect(form.engines[0].transport).toMatchObject({ basicAuth: true, basicAuthUsername: 'u', basicAuthPassword: { isSet: true, mode: 'keep', value: '' } });
    expect(toProfileInput(form).input.engines?.[0].queryApi.secrets?.basicAuthPassword).toEqual({ action: 'keep' });
    form.engines[0].transport.basicAuth = false;
    expect(toProfileInput(form).input.engines?.[0].queryApi).toMatchObject({ secrets: { basicAuthPassword: { action: 'clear' } } });
    expect(toProfileInput(form).input.engines?.[0].queryApi.basicAuth).toBeUndefined();
  });

  it('a node\'s query API with settings of its own: its own bearer token, none of the endpoint\'s secrets', () => {
    const form = newProfileForm();
    const n = form.nodes[0];
    n.url = 'http://a:9090/api/v1/read';
    n.basicAuth = true;
    n.basicAuthPassword = { isSet: false, mode: 'set', value: 'read-pw' };
    n.queryApiUrl = 'https://a-api:9443';
    n.queryApiOwn = true;
    n.queryApiTransport.authorization = true;
    n.queryApiTransport.authorizationCredentials = { isSet: false, mode: 'set', value: 'api-token' };
    n.queryApiTransport.tlsServerName = 'a-api';
    form.nodes[1].url = 'http://b:9090/api/v1/read';
    const { input, errors } = toProfileInput(form);
    expect(errors).toEqual({});
    expect(profileInputSchema.check(input, '')).toEqual([]);
    expect(input.nodes[0].queryApi).toMatchObject({ url: 'https://a-api:9443', authorization: { type: 'Bearer' }, tlsConfig: { serverName: 'a-api' } });
    expect(input.nodes[0].queryApi?.basicAuth).toBeUndefined();
    // "keep" would take the node endpoint's secrets in the app: a new query API of its own clears them instead.
    expect(input.nodes[0].queryApi?.secrets).toEqual({ basicAuthPassword: { action: 'clear' }, authorizationCredentials: { action: 'set', value: 'api-token' }, oauth2ClientSecret: { action: 'clear' }, tlsKey: { action: 'clear' }, headers: { action: 'clear' } });
    // Unticked, the query API takes the remote_read settings (and their secrets) as before.
    n.queryApiOwn = false;
    expect(toProfileInput(form).input.nodes[0].queryApi).toMatchObject({ url: 'https://a-api:9443', basicAuth: {}, secrets: { basicAuthPassword: { action: 'set', value: 'read-pw' } } });
  });

  it('errors in an engine\'s settings carry the engine\'s field path', () => {
    const form = newProfileForm();
    form.nodes[0].url = 'http://a:9090/api/v1/read';
    form.nodes[1].url = 'http://b:9090/api/v1/read';
    const engine = newEngineForm();
    engine.url = 'http://q:9090';
    engine.transport.remoteTimeout = 'soon';
    engine.transport.headers = [{ name: 'X-A', value: '' }];
    form.engines.push(engine);
    expect(toProfileInput(form).errors).toEqual({ 'engines[0].queryApi.remoteTimeoutMs': 'Write a duration such as 30s or 1m.', 'engines[0].queryApi.headerNames': 'Enter the header values (choose "Replace values").' });
  });
});

describe('answer mode in the panel and on the result', () => {
  it('the panel sends its mode; auto is the default (not sent)', () => {
    const p = newPanel('up');
    expect(buildQueryRequest(p, 'prof', 1_000_000, 800).mode).toBeUndefined();
    expect(buildQueryRequest({ ...p, mode: 'pushdown' }, 'prof', 1_000_000, 800).mode).toBe('pushdown');
  });
  it('the badge names what answered, and auto or a fallback', () => {
    expect(answerBadgeLabel({ requested: 'auto', mode: 'pushdown', note: '' })).toBe('pushdown (auto)');
    expect(answerBadgeLabel({ requested: 'delegate', mode: 'delegate', engine: 'thanos', note: '' })).toBe('delegate → thanos');
    expect(answerBadgeLabel({ requested: 'pushdown', mode: 'local', note: '' })).toBe('local (asked pushdown)');
    expect(answerBadgeLabel({ requested: 'local', mode: 'local', note: '' })).toBe('local');
  });
});
