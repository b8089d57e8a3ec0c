// Finding titles name what they speak of in the analyst's words: every node key a detector wrote into a title
// (`arn:aws:iam::123456789012:user/ci-deploy`, `entra:user:<guid>`) reads as its display name (`ci-deploy`, the
// user's UPN). Done once for all findings of a run, after the detectors, so no rule has to remember it; the key
// stays the finding's subject and in its evidence, where the screens show it on hover and copy it.
import type { CaseFile } from '../store/case-file.ts';
import { displayNames } from '../store/display-name.ts';

/** A token shaped like a node key: a scheme-like prefix, a colon, then anything up to a space, comma or bracket. */
const KEY_LIKE = /[A-Za-z][\w.+-]*:[^\s,()[\]]+/g;
/** Punctuation a title puts after a key ("… against <key>: 45.…"), not part of it. */
const TRAILING = /[:.;]+$/;

export function readableTitles<T extends { title: string }>(kase: CaseFile, findings: T[]): void {
  const tokens = new Set<string>();
  for (const f of findings) for (const m of f.title.matchAll(KEY_LIKE)) tokens.add(m[0].replace(TRAILING, ''));
  if (!tokens.size) return;
  const names = displayNames(kase, tokens);
  for (const f of findings) {
    f.title = f.title.replace(KEY_LIKE, (token) => {
      const key = token.replace(TRAILING, '');
      const name = names.get(key);
      return name && name !== key ? `${name}${token.slice(key.length)}` : token;
    });
  }
}
