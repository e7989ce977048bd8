/**
 * Reads QR codes with the phone's camera: getUserMedia, each frame drawn on a canvas, decoded by the browser's own
 * BarcodeDetector where it has one, else by jsQR. The same code read again within a few seconds is reported once.
 */
import { CameraOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useL } from '../../app/i18n';

type Detector = { detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]> };
type DetectorCtor = { new (opts: { formats: string[] }): Detector; getSupportedFormats?: () => Promise<string[]> };

/** The browser's BarcodeDetector when it reads QR codes, else null. */
async function nativeDetector(): Promise<Detector | null> {
  const Ctor = (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    const formats = (await Ctor.getSupportedFormats?.()) ?? ['qr_code'];
    return formats.includes('qr_code') ? new Ctor({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

export function QrScanner({ onCode, paused }: { onCode: (text: string) => void; paused?: boolean }) {
  const l = useL();
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [on, setOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [engine, setEngine] = useState<'native' | 'jsqr' | null>(null);
  const last = useRef<{ text: string; at: number } | null>(null);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    if (!on) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error(l('Trình duyệt này không cho dùng camera (cần https hoặc trình duyệt mới hơn).', 'This browser cannot use the camera (https or a newer browser is needed).'));
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
        if (stopped) return;
        const v = video.current as HTMLVideoElement;
        v.srcObject = stream;
        await v.play();
        const native = await nativeDetector();
        const jsQR = native ? null : (await import('jsqr')).default;
        setEngine(native ? 'native' : 'jsqr');
        const tick = async () => {
          if (stopped) return;
          const c = canvas.current;
          if (c && v.videoWidth > 0 && !pausedRef.current) {
            // Decode a frame at most 640 px wide: enough for a ticket held up to the camera, light on a phone.
            const scale = Math.min(1, 640 / v.videoWidth);
            const w = Math.round(v.videoWidth * scale);
            const h = Math.round(v.videoHeight * scale);
            if (c.width !== w) c.width = w;
            if (c.height !== h) c.height = h;
            const ctx = c.getContext('2d', { willReadFrequently: true });
            if (ctx) {
              ctx.drawImage(v, 0, 0, w, h);
              let text: string | null = null;
              if (native) text = (await native.detect(c).catch(() => []))[0]?.rawValue ?? null;
              else if (jsQR) text = jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
              const now = Date.now();
              if (text && !(last.current && last.current.text === text && now - last.current.at < 4000)) {
                last.current = { text, at: now };
                onCodeRef.current(text);
              } else if (text && last.current) last.current.at = now;
            }
          }
          timer = setTimeout(() => void tick(), 120);
        };
        void tick();
      } catch (e) {
        const name = (e as { name?: string }).name;
        setError(
          name === 'NotAllowedError'
            ? l('Chưa được phép dùng camera. Hãy cho phép trong cài đặt trình duyệt, hoặc tìm đại biểu theo tên bên dưới.', 'Camera permission denied. Allow it in the browser settings, or search by name below.')
            : name === 'NotFoundError'
              ? l('Không tìm thấy camera trên thiết bị này.', 'No camera on this device.')
              : e instanceof Error ? e.message : String(e),
        );
        setOn(false);
      }
    })();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, [on, l]);

  return (
    <Flex vertical gap={8}>
      {error ? <Alert type="warning" showIcon title={error} closable onClose={() => setError(null)} /> : null}
      {on ? (
        <div className="conf-scanner">
          <video ref={video} muted playsInline aria-label={l('Hình camera để quét mã QR', 'Camera view for scanning')} />
          <canvas ref={canvas} className="conf-scanner-canvas" aria-hidden />
          <div className="conf-scanner-frame" aria-hidden />
        </div>
      ) : null}
      <Flex gap={8} align="center" wrap="wrap">
        <Button
          type={on ? 'default' : 'primary'}
          size="large"
          icon={on ? <StopOutlined /> : <CameraOutlined />}
          onClick={() => {
            setError(null);
            setOn((x) => !x);
          }}
          block
          data-testid="qr-toggle"
        >
          {on ? l('Tắt camera', 'Stop the camera') : l('Quét mã QR trên thẻ đại biểu', 'Scan a ticket’s QR code')}
        </Button>
        {on && engine ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l('Đưa mã QR vào giữa khung hình.', 'Hold the QR code inside the frame.')}
          </Typography.Text>
        ) : null}
      </Flex>
    </Flex>
  );
}
