import type { TouchFamily } from '../../../shared/analytics';
import type { ActivityBody } from '../activity/activity-body';

/** Activity kinds that are touches aimed at getting paid; notes, snoozes and the like are not. */
export const TOUCH_ACTIVITY_KINDS = ['email', 'call', 'promise', 'ladder_task', 'discount_offered'] as const;

/**
 * Names a touch for attribution from its activity: an email by its template (a video memo when
 * the sent message carried the video card), a call by its outcome, a ladder task by its channel
 * (a letter is the one the issue names; call tasks and agency referrals keep their own names).
 */
export function touchAction({ kind, body }: ActivityBody, hadVideo: boolean): { action: string; family: TouchFamily } | null {
  switch (kind) {
    case 'email':
      return hadVideo ? { action: 'video_memo', family: 'video_memo' } : { action: `email:${body.templateId ?? 'unknown'}`, family: 'email' };
    case 'call':
      return { action: `call:${body.outcome ?? 'unknown'}`, family: 'call' };
    case 'promise':
      return { action: 'promise', family: 'promise' };
    case 'discount_offered':
      return { action: 'discount_offer', family: 'discount_offer' };
    case 'ladder_task':
      return body.channel === 'letter' ? { action: 'letter', family: 'letter' } : { action: `ladder:${body.channel ?? 'task'}`, family: 'ladder_task' };
    default:
      return null;
  }
}
