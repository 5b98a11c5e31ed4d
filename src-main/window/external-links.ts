/** Pages the app may open in the system browser; everything else is refused. */
export const EXTERNAL_LINK_ALLOW_LIST = ['https://ecuapass.aduana.gob.ec', 'https://www.aduana.gob.ec'];

export function isAllowedExternalLink(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && EXTERNAL_LINK_ALLOW_LIST.includes(url.origin);
}
