/**
 * The one seam between the scheduler and whatever creates online meetings: Lync / Skype for
 * Business through UCWA today (`main/exchange/ucwa/`), Teams through Microsoft Graph later. The
 * scheduler knows only this interface; a provider never sends the invitation (Exchange does).
 */

/** What Lync's "Meeting Options" dialog sets. */
export interface OnlineMeetingRequest {
  subject: string;
  /** SIP or SMTP addresses of the attendees (the provider maps them to its own form). */
  attendees: readonly string[];
  startMs: number;
  endMs: number;
  /** Who gets in directly; the rest wait in the lobby. */
  access: 'everyone' | 'same-enterprise' | 'invited' | 'locked';
  lobbyBypassForPhoneUsers: boolean;
  presenters: 'everyone' | 'same-enterprise' | 'organizer' | 'people-i-choose';
  /** With `people-i-choose`. */
  presenterEmails: readonly string[];
}

export interface OnlineMeeting {
  /** The provider's id for the meeting (UCWA onlineMeetingId), to delete it on cancel. */
  id: string;
  /** The https link attendees click to join. */
  joinUrl: string;
  /** The conference's SIP URI, when the provider has one. */
  conferenceUri?: string;
  /** Dial-in: numbers by region and the conference id, when the provider has them. */
  dialIn?: { conferenceId: string; numbers: ReadonlyArray<{ region: string; number: string }> };
  /** When the meeting's link stops working. */
  expiresMs?: number;
}

export type ProviderStatus =
  { available: true; provider: string } | { available: false; provider: string; reason: string };

export interface OnlineMeetingProvider {
  /** Short name for the UI and the log ("Lync (UCWA)"). */
  readonly name: string;
  /** Whether meetings can be created now (discovery and sign-in succeed); cached by the provider. */
  status(signal?: AbortSignal): Promise<ProviderStatus>;
  /** Fails with an AppError of kind `unavailable` (code `OnlineMeetingUnavailable`) when unreachable. */
  create(request: OnlineMeetingRequest, signal?: AbortSignal): Promise<OnlineMeeting>;
  /** Removes the online meeting (after the Exchange meeting is cancelled); missing is not an error. */
  remove(id: string, signal?: AbortSignal): Promise<void>;
}
