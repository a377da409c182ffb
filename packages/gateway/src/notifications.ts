// Messages to citizens about their appointments: written to the `notifications` outbox in the same
// transaction that changes the appointment (so a message is never lost nor sent for a change that
// was undone), then sent by the SMTP sender when one is configured. In demo mode the outbox is
// also shown at /demo/mailbox.
//
// The confirmation carries the manage code in plain text: it is how the citizen gets the code back
// outside the page, and the only copy besides the hash. The outbox keeps it (in `body`, and in
// `manage_code` to find it again) only until the message is sent; then it is blanked out of the
// stored body. Without SMTP (the demo) messages stay unsent, and readable in the demo mailbox.
import { randomUUID } from 'node:crypto';
import { formatDateTime, formatTime, type Language } from '@sportello/core/node';
import type { Schemas } from '@sportello/core/contract';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, Tables } from './database.js';

export type NotificationKind = 'confirmation' | 'cancellation' | 'rescheduled';

export interface AppointmentFacts {
  kind: NotificationKind;
  language: Language;
  reference: string;
  municipality: string;
  service: Pick<Schemas['BookingService'], 'name' | 'documents'>;
  office: Schemas['Office'];
  givenName: string;
  familyName: string;
  start: string;
  end: string;
  /** Only in the confirmation. */
  manageCode?: string;
  /** Only when rescheduled: the time it had before. */
  previousStart?: string;
}

/** What stands in the stored body for a manage code once the message has been sent. */
export const SENT_CODE_PLACEHOLDER = '••••-••••-••••-••••';

const TEXT = {
  it: {
    subject: {
      confirmation: 'Appuntamento confermato',
      cancellation: 'Appuntamento annullato',
      rescheduled: 'Appuntamento spostato',
    },
    greeting: (name: string) => `Gentile ${name},`,
    lead: {
      confirmation: 'il tuo appuntamento è confermato.',
      cancellation: 'il tuo appuntamento è stato annullato e il posto è stato liberato.',
      rescheduled: 'il tuo appuntamento è stato spostato a un nuovo orario.',
    },
    service: 'Servizio',
    when: 'Quando',
    until: 'fino alle',
    before: 'Orario precedente',
    where: 'Dove',
    contacts: 'Contatti',
    reference: 'Codice della prenotazione',
    bring: 'Cosa portare',
    manage:
      'Per annullare o spostare l’appuntamento, senza bisogno di un account, apri la pagina delle ' +
      'prenotazioni del sito del Comune, scegli «Gestisci un appuntamento» e scrivi il codice della ' +
      'prenotazione e questo codice per modificare o annullare:',
    keepCode:
      'Conserva il codice per modificare o annullare: chi lo conosce può annullare o spostare l’appuntamento.',
    sameCode:
      'Per gestire l’appuntamento usa lo stesso codice per modificare o annullare ricevuto alla prenotazione.',
    again: 'Se ti serve ancora il servizio, puoi prenotare un nuovo appuntamento dal sito del Comune.',
  },
  en: {
    subject: {
      confirmation: 'Appointment confirmed',
      cancellation: 'Appointment cancelled',
      rescheduled: 'Appointment moved',
    },
    greeting: (name: string) => `Dear ${name},`,
    lead: {
      confirmation: 'your appointment is confirmed.',
      cancellation: 'your appointment has been cancelled and its place freed.',
      rescheduled: 'your appointment has been moved to a new time.',
    },
    service: 'Service',
    when: 'When',
    until: 'until',
    before: 'Previous time',
    where: 'Where',
    contacts: 'Contacts',
    reference: 'Booking reference',
    bring: 'What to bring',
    manage:
      'To cancel or move the appointment, with no account needed, open the booking page of the ' +
      'municipality’s website, choose “Manage an appointment” and enter the booking reference and ' +
      'this code to change or cancel:',
    keepCode: 'Keep the code to change or cancel safe: whoever has it can cancel or move the appointment.',
    sameCode: 'To manage the appointment, use the same code to change or cancel you received when booking.',
    again: 'If you still need the service, you can book a new appointment on the municipality’s website.',
  },
} as const;

/** The message, in plain text, in the appointment's language. */
function composeMessage(facts: AppointmentFacts): { subject: string; body: string } {
  const text = TEXT[facts.language];
  const language = facts.language;
  const serviceName = facts.service.name[language];
  const when = `${formatDateTime(facts.start, language, 'full')} (${text.until} ${formatTime(facts.end, language)})`;
  const { address } = facts.office;
  const lines = [
    text.greeting(`${facts.givenName} ${facts.familyName}`),
    '',
    text.lead[facts.kind],
    '',
    `${text.service}: ${serviceName}`,
    `${text.when}: ${when}`,
  ];
  if (facts.previousStart)
    lines.push(`${text.before}: ${formatDateTime(facts.previousStart, language, 'full')}`);
  lines.push(`${text.where}: ${facts.office.name}, ${address.street}, ${address.postalCode} ${address.city}`);
  const contacts = [facts.office.phone, facts.office.email].filter(Boolean);
  if (contacts.length > 0) lines.push(`${text.contacts}: ${contacts.join(', ')}`);
  lines.push(`${text.reference}: ${facts.reference}`);
  if (facts.kind === 'cancellation') {
    lines.push('', text.again);
  } else {
    if (facts.service.documents.length > 0) {
      lines.push(
        '',
        `${text.bring}:`,
        ...facts.service.documents.map((document) => `- ${document[language]}`),
      );
    }
    if (facts.manageCode) lines.push('', text.manage, '', `    ${facts.manageCode}`, '', text.keepCode);
    else lines.push('', text.sameCode);
  }
  lines.push('', facts.municipality);
  return {
    subject: `${text.subject[facts.kind]}: ${serviceName}, ${formatDateTime(facts.start, language, 'medium')} (${facts.reference})`,
    body: `${lines.join('\n')}\n`,
  };
}

/** Puts a message in the outbox; call it inside the transaction that makes the change it tells. */
export async function queueNotification(
  db: Kysely<Tables>,
  facts: AppointmentFacts,
  toAddress: string,
  now: number,
): Promise<void> {
  const { subject, body } = composeMessage(facts);
  await db
    .insertInto('notifications')
    .values({
      id: randomUUID(),
      appointment_reference: facts.reference,
      kind: facts.kind,
      to_address: toAddress,
      subject,
      body,
      manage_code: facts.manageCode ?? null,
      created_at: new Date(now).toISOString(),
      claimed_at: null,
      sent_at: null,
      attempts: 0,
      retry_at: null,
      failed_at: null,
    })
    .execute();
}

/** What the sender needs of nodemailer's transporter (tests pass their own). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close?(): void;
}

export interface MailSender {
  /** Sends what is waiting now; resolves to how many messages went out. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

/** A sender that died after claiming a message leaves it claimed: retried after this long. */
const CLAIM_TIMEOUT_MS = 10 * 60_000;
const BATCH = 20;
/** After a failed send, a message waits 1 minute, then 2, 4... up to an hour between tries. */
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/**
 * A message not sent within a day is given up: the appointment it tells of may be over, and the
 * manage code it holds (shown to the citizen when they booked) should not stay stored for ever.
 */
const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/** The blanked copy of a message's body that is kept once it has been sent or given up. */
function withoutCode(message: { body: string; manage_code: string | null }): string {
  return message.manage_code
    ? message.body.replaceAll(message.manage_code, SENT_CODE_PLACEHOLDER)
    : message.body;
}

/** What a given-up message becomes (by the sender after its last try, or by housekeeping): code blanked. */
const givenUpColumns = (message: { body: string; manage_code: string | null }, atMs: number) => ({
  failed_at: new Date(atMs).toISOString(),
  body: withoutCode(message),
  manage_code: null,
});

/**
 * Gives up the messages waiting for more than GIVE_UP_AFTER_MS that no sender has in hand, blanking
 * their manage codes, as the sender does after its last failed try. Housekeeping runs it, so that
 * it happens also where nothing sends the outbox (no SMTP_URL): there the codes would otherwise
 * stay stored in clear until the appointment's details are erased, months later. Resolves to how
 * many were given up.
 */
export async function giveUpStaleMessages(database: Database, now: number): Promise<number> {
  let givenUp = 0;
  for (;;) {
    const batch = await database.transaction(async () => {
      const db = database.current();
      const stale = await db
        .selectFrom('notifications')
        .select(['id', 'body', 'manage_code'])
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('created_at', '<', new Date(now - GIVE_UP_AFTER_MS).toISOString())
        .where((eb) =>
          eb.or([
            eb('claimed_at', 'is', null),
            eb('claimed_at', '<', new Date(now - CLAIM_TIMEOUT_MS).toISOString()),
          ]),
        )
        .limit(BATCH)
        .execute();
      for (const message of stale) {
        await db
          .updateTable('notifications')
          .set(givenUpColumns(message, now))
          .where('id', '=', message.id)
          .where('sent_at', 'is', null)
          .execute();
      }
      return stale.length;
    });
    givenUp += batch;
    if (batch < BATCH) return givenUp;
  }
}

/**
 * Sends the outbox every `intervalMs`: claims each message (so two gateways on one PostgreSQL do
 * not both send it), sends it, marks it sent and blanks the manage code out of the stored copy.
 * A message that fails is put off (FIRST_RETRY_MS, doubling), so failing ones never hold newer ones
 * back, and given up after GIVE_UP_AFTER_MS.
 */
export function startMailSender(
  database: Database,
  options: {
    transport: MailTransport;
    from: string;
    now: () => number;
    intervalMs?: number;
    onError?: (error: unknown) => void;
  },
): MailSender {
  let running: Promise<number> | undefined;
  let stopped = false;

  async function sendWaiting(): Promise<number> {
    const db = database.current();
    const now = options.now();
    const stale = new Date(now - CLAIM_TIMEOUT_MS).toISOString();
    // Waiting to be sent: not sent, not given up, not put off, not taken by a live sender.
    const sendable = (eb: ExpressionBuilder<Tables, 'notifications'>) =>
      eb.and([
        eb('sent_at', 'is', null),
        eb('failed_at', 'is', null),
        eb.or([eb('retry_at', 'is', null), eb('retry_at', '<=', new Date(now).toISOString())]),
        eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', stale)]),
      ]);
    const waiting = await db
      .selectFrom('notifications')
      .select('id')
      .where(sendable)
      .orderBy('created_at')
      .limit(BATCH)
      .execute();
    let sent = 0;
    for (const { id } of waiting) {
      if (stopped) break;
      // Claimed only if still waiting (another gateway may have tried it since), as it is now.
      const message = await db
        .updateTable('notifications')
        .set({ claimed_at: new Date(options.now()).toISOString() })
        .where('id', '=', id)
        .where(sendable)
        .returningAll()
        .executeTakeFirst();
      if (!message) continue;
      try {
        await options.transport.sendMail({
          from: options.from,
          to: message.to_address,
          subject: message.subject,
          text: message.body,
        });
      } catch (error) {
        const failedAt = options.now();
        const attempts = Number(message.attempts) + 1;
        const givenUp = failedAt - Date.parse(message.created_at) >= GIVE_UP_AFTER_MS;
        const waitMs = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
        await db
          .updateTable('notifications')
          .set({
            claimed_at: null,
            attempts,
            ...(givenUp
              ? givenUpColumns(message, failedAt)
              : { retry_at: new Date(failedAt + waitMs).toISOString() }),
          })
          .where('id', '=', message.id)
          .execute();
        options.onError?.(error);
        continue;
      }
      await db
        .updateTable('notifications')
        .set({
          sent_at: new Date(options.now()).toISOString(),
          body: withoutCode(message),
          manage_code: null,
        })
        .where('id', '=', message.id)
        .execute();
      sent++;
    }
    return sent;
  }

  function flush(): Promise<number> {
    // One round at a time: a slow server must not make rounds pile up.
    running ??= sendWaiting().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => {
    flush().catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? 5_000);
  timer.unref();

  return {
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      options.transport.close?.();
    },
  };
}
