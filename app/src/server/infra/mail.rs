//! E-mail, only when an SMTP server is configured (`INOVASI_SMTP_URL`, `INOVASI_MAIL_FROM`):
//! invitation and reset links go to the person directly as well as being shown to the admin.
//! Without it the admin passes the link on by their own mail or chat app (docs/people.md).

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::models::{IssuedLink, LinkPurpose};
use crate::server::infra::delivery::{Undelivered, SENDS_AT_ONCE};
use crate::server::infra::notice_mail::Mail;

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold the SMTP password: never print it.
        write!(f, "Mailer(from {})", self.from)
    }
}

impl Mailer {
    /// `url`: `smtp://host:25` (plain, for a relay on the same network), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465` (TLS), as lettre reads it.
    pub fn new(url: &str, from: &str) -> Result<Mailer, String> {
        // Connections are kept and reused (a broadcast is thousands of e-mails), as many as the
        // outbox sends at once, closed after a minute of quiet.
        let pool = PoolConfig::new()
            .max_size(SENDS_AT_ONCE as u32)
            .idle_timeout(std::time::Duration::from_secs(60));
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("INOVASI_SMTP_URL: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .pool_config(pool)
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| format!("INOVASI_MAIL_FROM: {e}"))?;
        Ok(Mailer { transport, from })
    }

    /// Sends a link to the person it was made for. The text is in Indonesian with English
    /// below: their language is not known yet.
    pub async fn send_link(&self, link: &IssuedLink) -> Result<(), String> {
        let to = Mailbox::new(
            Some(link.name.clone()),
            link.email.parse().map_err(|e| format!("{e}"))?,
        );
        let (subject, id, en) = match link.purpose {
            LinkPurpose::Invite => (
                "Undangan Inovasi / Invitation to Inovasi",
                "Anda diundang ke Inovasi, aplikasi Lomba Inovasi Pelayanan Publik. Buka tautan ini untuk memilih kata sandi (berlaku 7 hari, sekali pakai):",
                "You are invited to Inovasi, the public service innovation competition app. Open this link to choose your password (valid 7 days, once):",
            ),
            LinkPurpose::Reset => (
                "Atur ulang kata sandi Inovasi / Reset your Inovasi password",
                "Buka tautan ini untuk memilih kata sandi baru (berlaku 1 hari, sekali pakai):",
                "Open this link to choose a new password (valid 1 day, once):",
            ),
        };
        let body = format!(
            "Halo {name},\n\n{id}\n{url}\n\n---\n\nHello {name},\n\n{en}\n{url}\n",
            name = link.name,
            url = link.url
        );
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| e.to_string())?;
        self.transmit(message).await.map_err(|e| e.reason)
    }

    /// Sends `mail` (a plain-text and an HTML part) to one person. The error is the SMTP
    /// server's answer or why it could not be reached, for the outbox page; an address the
    /// server refuses for good (5xx: no such mailbox) is a permanent failure.
    pub async fn send(&self, name: &str, email: &str, mail: &Mail) -> Result<(), Undelivered> {
        let address = email.parse().map_err(|e| {
            Undelivered::permanent(format!("the address {email:?} is not valid: {e}"))
        })?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(Some(name.to_string()), address))
            .subject(mail.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                mail.html.clone(),
            ))
            .map_err(|e| Undelivered::permanent(e.to_string()))?;
        self.transmit(message).await
    }

    /// Hands one message to the SMTP server; the error is its answer, as text, permanent when
    /// the server said 5xx.
    async fn transmit(&self, message: Message) -> Result<(), Undelivered> {
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| Undelivered {
                permanent: e.is_permanent(),
                reason: e.to_string(),
            })
    }
}
