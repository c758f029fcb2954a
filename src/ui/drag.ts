/**
 * A drag that starts on `handle`: `onMove` gets each pointer position until the button is released.
 * The pointer is captured, so a button released outside the panel's frame still ends the drag.
 */
export function followDrag(handle: HTMLElement, pointerId: number, onMove: (e: PointerEvent) => void, onEnd: () => void = () => {}): void {
  const doc = handle.ownerDocument;
  handle.setPointerCapture?.(pointerId);
  const end = () => {
    doc.removeEventListener('pointermove', onMove);
    doc.removeEventListener('pointerup', end);
    handle.removeEventListener('lostpointercapture', end);
    onEnd();
  };
  doc.addEventListener('pointermove', onMove);
  doc.addEventListener('pointerup', end);
  handle.addEventListener('lostpointercapture', end);
}
