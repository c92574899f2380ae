/**
 * Scan or type a SKU code or barcode. A hardware scanner types the code and Enter; on phones with
 * the browser's BarcodeDetector, the camera button reads it instead. Resolves to a SKU.
 */
import { Camera, ScanLine } from 'lucide-react';
import { forwardRef, type KeyboardEvent, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { Button, ErrorNote, Field } from '../../../components/ui';
import type { Schemas } from '../../../lib/api';
import { useErrorText } from '../../../lib/warehouses';
import { lookupSku } from '../api/lookup-sku';

type Sku = Schemas['Sku'];

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type DetectorConstructor = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

const detectorClass = (): DetectorConstructor | null => (typeof window !== 'undefined' && 'BarcodeDetector' in window ? (window as unknown as { BarcodeDetector: DetectorConstructor }).BarcodeDetector : null);

const CameraScanner = ({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) => {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    const detector = new Detector();
    const start = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (!video.current || stopped) return;
        video.current.srcObject = stream;
        await video.current.play();
        while (!stopped) {
          const found = await detector.detect(video.current).catch(() => []);
          if (found[0]?.rawValue) {
            onCode(found[0].rawValue);
            return;
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      } catch {
        setProblem('The camera is not available. Allow camera access, or type the code.');
      }
    };
    void start();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [onCode]);
  return (
    <div className="camera">
      <video ref={video} muted playsInline aria-label="Camera view for scanning" />
      <ErrorNote>{problem}</ErrorNote>
      <Button onClick={onClose}>Stop camera</Button>
    </div>
  );
};

export interface ScanFieldHandle {
  focus(): void;
  clear(): void;
}

export const ScanField = forwardRef<ScanFieldHandle, { label?: string; onSku: (sku: Sku | null) => void; autoFocus?: boolean }>(({ label = 'Scan or type SKU / barcode', onSku, autoFocus = true }, ref) => {
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [camera, setCamera] = useState(false);
  const errorText = useErrorText();
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus(), clear: () => setText('') }));

  const resolve = async (value: string) => {
    if (!value.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onSku(await lookupSku(value));
    } catch (caught) {
      setError(caught);
      onSku(null);
      input.current?.select();
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void resolve(text);
    }
  };

  return (
    <>
      <div className="scan-row big-input">
        <Field label={label} hint="A scanner types the code and presses Enter.">
          {(props) => (
            <input
              {...props}
              ref={input}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onKeyDown}
              autoFocus={autoFocus}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              enterKeyHint="search"
              data-testid="scan"
            />
          )}
        </Field>
        <Button onClick={() => void resolve(text)} busy={busy} aria-label="Look up">
          <ScanLine size={20} aria-hidden="true" />
        </Button>
        {detectorClass() && (
          <Button onClick={() => setCamera((v) => !v)} aria-label="Scan with the camera" aria-pressed={camera}>
            <Camera size={20} aria-hidden="true" />
          </Button>
        )}
      </div>
      {camera && (
        <CameraScanner
          onCode={(code) => {
            setCamera(false);
            setText(code);
            void resolve(code);
          }}
          onClose={() => setCamera(false)}
        />
      )}
      <ErrorNote>{error ? errorText(error) : null}</ErrorNote>
    </>
  );
});
ScanField.displayName = 'ScanField';
