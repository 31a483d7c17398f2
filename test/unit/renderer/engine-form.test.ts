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
