/**
 * Automation triggers systeme.io's rules UI offers whose payload (and `type` string) was never
 * published (reference §5). They are not triggers of the catalog: nothing can be generated for them
 * until someone captures one and grows a template from it (`systeme-mock template --from`). `list --all`
 * shows them so users know they exist and what to do.
 */
export interface UnpublishedTrigger {
  /** The trigger as the rules UI names it. */
  readonly label: string;
  readonly dialect: 'automation';
}

export const UNPUBLISHED_STATUS = 'no published payload: capture one and run template --from';

export const UNPUBLISHED_TRIGGERS: readonly UnpublishedTrigger[] = [
  { label: 'website form subscribed', dialect: 'automation' },
  { label: 'creator-page form subscribed', dialect: 'automation' },
  { label: 'course completed', dialect: 'automation' },
  { label: 'module completed', dialect: 'automation' },
  { label: 'chapter completed', dialect: 'automation' },
  { label: 'community joined', dialect: 'automation' },
  { label: 'sale cancelled', dialect: 'automation' },
  { label: 'email opened', dialect: 'automation' },
  { label: 'subscription payment failed', dialect: 'automation' },
  { label: 'meeting scheduled', dialect: 'automation' },
];

/** The unpublished triggers as `list --all` prints them, after the catalog's table. */
export function formatUnpublishedTriggers(): string {
  const width = Math.max(...UNPUBLISHED_TRIGGERS.map((t) => t.label.length), 'UNPUBLISHED (automation rules)'.length);
  const rows = [['UNPUBLISHED (automation rules)', 'STATUS'], ...UNPUBLISHED_TRIGGERS.map((t) => [t.label, UNPUBLISHED_STATUS])];
  return rows.map(([label, status]) => `${label!.padEnd(width)}  ${status!}`).join('\n') + '\n';
}
