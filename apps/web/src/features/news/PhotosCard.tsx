/**
 * The article's photos: added one at a time with a caption (JPEG, PNG or WebP up to the limit the server states;
 * the server checks the content, shrinks it and strips its location data), captions edited, order changed (the
 * first is the article's cover), deleted. Every change answers with the article, whose version moves on.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { NEWS_PHOTO_MAX_BYTES, NEWS_PHOTO_MAX_TEXT, NEWS_PHOTO_MIMES } from '@nhip/contracts';
import { App, Button, Card, Flex, Input, Popconfirm, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useL, useLang } from '../../app/i18n';
import { errorMessage } from '../../components/QueryState';
import { api } from '../../lib/api';
import { fileSize } from '../conferences/shared';
import { type Article, type ArticleChanged, type NewsPhoto, uploadPhoto } from './api';

export function PhotosCard({ a, editable, onChanged }: { a: Article; editable: boolean; onChanged: (next: Article | null) => Promise<void> | void }) {
  const l = useL();
  const lang = useLang();
  const { message } = App.useApp();
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (key: string, call: () => Promise<ArticleChanged | null>, done: string) => {
    setBusy(key);
    try {
      const next = await call();
      await onChanged(next);
      message.success(done);
      return true;
    } catch (e) {
      message.error(errorMessage(e, lang));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File) => {
    if (!(NEWS_PHOTO_MIMES as readonly string[]).includes(file.type)) {
      message.error(l(`Tệp "${file.name}" không phải ảnh JPEG, PNG hay WebP; ảnh chưa được thêm.`, `"${file.name}" is not a JPEG, PNG or WebP image.`));
      return;
    }
    if (file.size > NEWS_PHOTO_MAX_BYTES) {
      message.error(l(`Ảnh "${file.name}" (${fileSize(file.size)}) vượt quá ${NEWS_PHOTO_MAX_TEXT}; ảnh chưa được thêm.`, `"${file.name}" is over ${NEWS_PHOTO_MAX_TEXT}.`));
      return;
    }
    const ok = await act(
      'upload',
      async () => {
        await uploadPhoto(a.id, file, caption.trim());
        return null;
      },
      l('Đã thêm ảnh.', 'Photo added.'),
    );
    if (ok) setCaption('');
  };

  const move = (p: NewsPhoto, by: -1 | 1) => {
    const ids = a.photos.map((x) => x.id);
    const i = ids.indexOf(p.id);
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j] as number, ids[i] as number];
    void act(`move-${p.id}`, () => api.put<ArticleChanged>(`/api/news/${a.id}/photos/order`, { ids }), l('Đã sắp lại thứ tự ảnh.', 'Order saved.'));
  };

  return (
    <Card title={l(`Ảnh (${a.photos.length})`, `Photos (${a.photos.length})`)} size="small" data-testid="news-photos">
      <Flex vertical gap={12}>
        {a.photos.length === 0 ? <Typography.Text type="secondary">{l('Tin bài chưa có ảnh.', 'No photo yet.')}</Typography.Text> : null}
        {a.photos.map((p, i) => (
          <PhotoRow
            key={p.id}
            p={p}
            index={i}
            count={a.photos.length}
            editable={editable}
            busy={busy}
            onCaption={(text) =>
              act(`caption-${p.id}`, () => api.patch<ArticleChanged>(`/api/news/${a.id}/photos/${p.id}`, { caption: text }), l('Đã lưu chú thích ảnh.', 'Caption saved.'))
            }
            onMove={(by) => move(p, by)}
            onDelete={() => act(`delete-${p.id}`, () => api.del<ArticleChanged>(`/api/news/${a.id}/photos/${p.id}`), l('Đã xóa ảnh.', 'Photo deleted.'))}
          />
        ))}
        {editable ? (
          <div className="news-photo-add">
            <label htmlFor="news-photo-caption" className="news-field-label">
              {l('Chú thích cho ảnh mới', 'Caption of the new photo')}
            </label>
            <Input
              id="news-photo-caption"
              value={caption}
              onChange={(e) => setCaption(e.target.value)}
              maxLength={500}
              placeholder={l('Ví dụ: Quang cảnh hội nghị', 'e.g. The conference hall')}
            />
            <Upload
              accept={NEWS_PHOTO_MIMES.join(',')}
              showUploadList={false}
              maxCount={1}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={busy === 'upload'} style={{ marginTop: 8 }}>
                {l('Thêm ảnh', 'Add a photo')}
              </Button>
            </Upload>
            <div className="nhip-muted news-hint">
              {l(
                `Ảnh JPEG, PNG hoặc WebP, tối đa ${NEWS_PHOTO_MAX_TEXT}. Ảnh được thu nhỏ và bỏ thông tin vị trí (EXIF) trước khi lưu. Ảnh đầu tiên là ảnh đại diện của bài.`,
                `JPEG, PNG or WebP up to ${NEWS_PHOTO_MAX_TEXT}. Photos are shrunk and their location data removed. The first one is the cover.`,
              )}
            </div>
          </div>
        ) : null}
      </Flex>
    </Card>
  );
}

function PhotoRow({
  p, index, count, editable, busy, onCaption, onMove, onDelete,
}: {
  p: NewsPhoto;
  index: number;
  count: number;
  editable: boolean;
  busy: string | null;
  onCaption: (text: string) => Promise<boolean>;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
}) {
  const l = useL();
  const [text, setText] = useState(p.caption);
  const changed = text.trim() !== p.caption;
  const name = p.caption || l(`Ảnh ${index + 1}`, `Photo ${index + 1}`);
  return (
    <div className="news-photo" data-testid="news-photo">
      <a href={p.url} target="_blank" rel="noopener" className="news-photo-thumb">
        <img src={p.thumbUrl} alt={name} width={p.thumbWidth} height={p.thumbHeight} />
      </a>
      <div className="news-photo-meta">
        <div className="nhip-muted news-hint">
          {index === 0 ? <Tag color="blue">{l('Ảnh đại diện', 'Cover')}</Tag> : null}
          {p.width}×{p.height} px · {fileSize(p.size)}
        </div>
        {editable ? (
          <>
            <Input
              aria-label={l(`Chú thích ảnh ${index + 1}`, `Caption of photo ${index + 1}`)}
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={500}
              size="small"
            />
            <Flex gap={4} wrap="wrap" style={{ marginTop: 6 }}>
              {changed ? (
                <Button size="small" type="primary" loading={busy === `caption-${p.id}`} onClick={() => void onCaption(text.trim())}>
                  {l('Lưu chú thích', 'Save caption')}
                </Button>
              ) : null}
              <Button size="small" icon={<ArrowUpOutlined />} aria-label={l(`Đưa ảnh ${index + 1} lên trước`, 'Move up')} disabled={index === 0 || !!busy} onClick={() => onMove(-1)} />
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={l(`Đưa ảnh ${index + 1} xuống sau`, 'Move down')}
                disabled={index === count - 1 || !!busy}
                onClick={() => onMove(1)}
              />
              <Popconfirm
                title={l('Xóa ảnh này khỏi tin bài?', 'Delete this photo?')}
                okText={l('Xóa', 'Delete')}
                cancelText={l('Hủy', 'Cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={onDelete}
              >
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={l(`Xóa ảnh ${index + 1}`, `Delete photo ${index + 1}`)} loading={busy === `delete-${p.id}`} />
              </Popconfirm>
            </Flex>
          </>
        ) : (
          <div>{p.caption || <span className="nhip-muted">{l('Chưa có chú thích', 'No caption')}</span>}</div>
        )}
      </div>
    </div>
  );
}
