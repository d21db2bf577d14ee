import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { publicPollApi } from '../../api/appraisals.ts';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { usePortal, usePortalTitle } from './PortalLayout.tsx';

const CODE_CHARS = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;
const clean = (s: string) => s.toUpperCase().replace(/[\s-]/g, '');

/**
 * 手机投票: a deputy types the one-time code from their slip and rates each office. No sign-in; the server
 * only adds the answers to counters, so the page says plainly that the ballot is anonymous.
 */
export default function PollBallotPage() {
  const t = useT();
  const { portal } = usePortal();
  const { townCode = '', pollId = '' } = useParams();
  usePortalTitle(t('ballot.title'), portal.town.name);
  const q = useQuery({ queryKey: ['public-poll', townCode, pollId], queryFn: () => publicPollApi.get(townCode, pollId), retry: false });
  const [code, setCode] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  // Peer review: the code is checked first and the subjects come back without its holder (nobody rates themselves).
  const [own, setOwn] = useState<{ id: string; name: string }[] | null>(null);

  if (q.error) {
    const nf = q.error instanceof ApiError && q.error.status === 404;
    return <Alert type="error" showIcon title={nf ? t('ballot.notFound') : (q.error as Error).message} />;
  }
  const p = q.data;
  if (!p) return <Skeleton active />;
  if (done) return <Result status="success" title={t('ballot.done')} subTitle={p.title} />;
  const named = p.kind === 'peer_review';
  const subjects = named ? (own ?? []) : p.subjects;

  async function checkCode() {
    const c = clean(code);
    if (!CODE_CHARS.test(c)) return setProblem(t('ballot.codeBad'));
    setProblem(null);
    setBusy(true);
    try {
      setOwn((await publicPollApi.subjects(townCode, pollId, c)).subjects);
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    if (!p) return;
    const c = clean(code);
    if (!CODE_CHARS.test(c)) return setProblem(t('ballot.codeBad'));
    if (subjects.some((s) => !answers[`${s.id}:overall`])) return setProblem(t('ballot.overallRequired'));
    setProblem(null);
    setBusy(true);
    try {
      const list = Object.entries(answers).map(([k, answer]) => {
        const [subjectId, question] = k.split(':');
        return { subjectId, question, answer };
      });
      await publicPollApi.cast(townCode, pollId, { code: c, answers: list });
      setDone(true);
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{p.title}</h1>
      {p.status !== 'open' ? (
        <Alert type="info" showIcon title={t('ballot.closed')} />
      ) : (
        <Form layout="vertical" size="large" onFinish={named && !own ? checkCode : submit}>
          <Alert type="info" showIcon title={t('ballot.anonymous')} style={{ marginBottom: 16 }} />
          {named && !own && <Alert type="info" title={t('ballot.peerStart')} style={{ marginBottom: 16 }} />}
          <Form.Item label={t('ballot.code')} htmlFor="ballot-code" required>
            <Input
              id="ballot-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              readOnly={named && own !== null}
              placeholder={t('ballot.codePlaceholder')}
              maxLength={12}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              style={{ textTransform: 'uppercase', letterSpacing: 2 }}
            />
          </Form.Item>
          {subjects.map((s) => (
            <Card key={s.id} title={s.name} size="small" style={{ marginBottom: 12 }}>
              {p.questions.map((question) => {
                const key = `${s.id}:${question.key}`;
                const label = `${question.label}${question.key === 'overall' ? '' : t('ballot.optional')}`;
                return (
                  <fieldset key={key} style={{ border: 0, padding: 0, margin: '0 0 10px' }}>
                    <legend style={{ fontSize: 14, marginBottom: 4, fontWeight: question.key === 'overall' ? 600 : 400 }}>
                      {question.key === 'overall' && <span style={{ color: '#b71c1c' }}>* </span>}
                      {label}
                    </legend>
                    <Radio.Group
                      aria-label={`${s.name} ${question.label}`}
                      value={answers[key]}
                      onChange={(e) => setAnswers((a) => ({ ...a, [key]: e.target.value as string }))}
                      options={p.scale.map((o) => ({ value: o.key, label: o.label }))}
                      optionType="button"
                    />
                  </fieldset>
                );
              })}
            </Card>
          ))}
          {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
          <Button type="primary" htmlType="submit" block loading={busy} style={{ minHeight: 44 }}>
            {named && !own ? t('ballot.next') : t('ballot.submit')}
          </Button>
        </Form>
      )}
    </>
  );
}
