import { Form, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { RESEARCH_GRADES, type ResearchGrade, type TopicDetail, researchApi } from '../../api/research.ts';
import { useT } from '../../i18n/index.tsx';
import { useTopicAction } from './useTopicAction.ts';

/** The presidium's grade of a report: 优秀 / 良好 / 合格 / 不合格, with a comment. */
export function GradeModal({ topic, open, onClose }: { topic: TopicDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const [grade, setGrade] = useState<ResearchGrade | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { run, busy } = useTopicAction();
  useEffect(() => {
    if (!open) return;
    setGrade(topic.grade);
    setComment(topic.gradeComment);
    setError(null);
  }, [open, topic.grade, topic.gradeComment]);

  async function ok() {
    if (!grade) return setError(t('common.requiredSelect', { field: t('research.grade') }));
    const done = await run(() => researchApi.grade(topic.id, grade, comment.trim(), topic.version), t('research.graded'));
    if (done) onClose();
  }

  return (
    <Modal open={open} title={t('research.gradeTitle', { title: topic.title })} onCancel={onClose} onOk={() => void ok()} okText={t('common.save')} confirmLoading={busy}>
      <Form layout="vertical">
        <Form.Item label={t('research.grade')} required validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <Radio.Group
            aria-label={t('research.grade')}
            value={grade}
            onChange={(e) => {
              setGrade(e.target.value);
              setError(null);
            }}
            optionType="button"
            buttonStyle="solid"
            options={RESEARCH_GRADES.map((g) => ({ value: g, label: t(`research.grade.${g}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('research.gradeComment')} htmlFor="research-grade-comment">
          <Input.TextArea id="research-grade-comment" rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Send a report back for rework, saying why. */
export function ReturnModal({ topic, open, onClose }: { topic: TopicDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { run, busy } = useTopicAction();
  useEffect(() => {
    if (open) {
      setNote('');
      setError(null);
    }
  }, [open]);

  async function ok() {
    if (!note.trim()) return setError(t('common.required', { field: t('research.returnNote') }));
    const done = await run(() => researchApi.returnReport(topic.id, note.trim(), topic.version), t('research.returned'));
    if (done) onClose();
  }

  return (
    <Modal open={open} title={t('research.returnTitle', { title: topic.title })} onCancel={onClose} onOk={() => void ok()} okText={t('research.return')} confirmLoading={busy}>
      <Form layout="vertical">
        <Form.Item label={t('research.returnNote')} htmlFor="research-return-note" required validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <Input.TextArea id="research-return-note" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
