import { LatestRequest } from '../flow/latest-request.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ScanCameraOptions {
  /** Whether the scan step is on screen: the camera is on while it is, and only then. */
  scanning: () => boolean;
  /** Reads one frame; true once the code sought was found in it (the scanning is over). */
  read: (frame: HTMLVideoElement) => Promise<boolean>;
  /** The camera could not be used (refused, missing, or the scanner did not load). */
  unavailable: () => void;
}

/**
 * The camera of an element's scan step: on while the step is on screen and off on every way out
 * of it (cancelling, a code read, a lookup typed before it answering, the page naming a notice or
 * a payment meanwhile, the widget leaving the page). Only the latest opening may keep it: a citizen
 * who cancels and opens it again while the first is starting gets one camera, not two. The step
 * renders a `<video>`, the first in the element's shadow root; the controller plays the camera in it.
 */
export class ScanCamera implements ReactiveController {
  /**
   * The camera reads only QR codes here, not the square barcode (Data Matrix) of postal notices:
   * a first guess from the browser, made sure of once the scanner has loaded.
   */
  qrOnly = !('BarcodeDetector' in globalThis);
  /** Whether the scan step was on screen at the last render. */
  private shown = false;
  /** Turns the camera off; set while it is on. */
  private stop?: () => void;
  private readonly opening = new LatestRequest();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode },
    private readonly options: ScanCameraOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const scanning = this.options.scanning();
    if (scanning === this.shown) return;
    this.shown = scanning;
    if (scanning) void this.open();
    else this.close();
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Turns the camera off, and abandons an opening still on its way. */
  close(): void {
    this.stop?.();
    this.stop = undefined;
  }

  /** Forgets everything: for the next citizen. */
  reset(): void {
    this.opening.abandon();
    this.close();
  }

  private async open(): Promise<void> {
    const video = this.host.renderRoot.querySelector('video')!;
    this.close();
    const isLatest = this.opening.begin();
    let stop: () => void;
    try {
      const { openCamera, readsDataMatrix } = await import('./scanner.js');
      this.qrOnly = !(await readsDataMatrix());
      this.host.requestUpdate();
      stop = await openCamera(video);
    } catch {
      if (this.options.scanning() && isLatest()) this.options.unavailable();
      return;
    }
    // The citizen may have cancelled (and perhaps opened the camera again: a newer opening owns
    // it), or the widget left the page, while the camera was starting.
    if (!this.options.scanning() || !this.host.isConnected || !isLatest()) {
      stop();
      return;
    }
    this.stop = stop;
    const next = async () => {
      if (!this.options.scanning() || this.stop !== stop) return;
      if (!(await this.options.read(video))) video.requestVideoFrameCallback(() => void next());
    };
    video.requestVideoFrameCallback(() => void next());
  }
}
