import type { PhotoSize } from '../preload/contract';

function pixelRatio(): number {
  return typeof window !== 'undefined' && window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
}

/** The photo size for a list row's 40 px avatar: sharp at 1× and on high-density screens. */
export function rowPhotoSize(): PhotoSize {
  return pixelRatio() >= 1.5 ? 'HR96x96' : 'HR64x64';
}

/** The photo size for the contact card's large photo. */
export function cardPhotoSize(): PhotoSize {
  return pixelRatio() >= 1.5 ? 'HR648x648' : 'HR240x240';
}
