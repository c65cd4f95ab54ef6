//! The outgoing webhook (docs/notifications.md): every notification, as signed JSON, to a
//! regency's own messaging gateway (a WhatsApp or SMS service), when `INOVASI_WEBHOOK_URL` and
//! `INOVASI_WEBHOOK_SECRET` are set. Delivered through the outbox like e-mail, with the same
//! retries; this module only knows how to say and sign one.

use std::time::Duration;

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

use crate::server::infra::delivery::Undelivered;

/// How long the gateway has to answer: a gateway that hangs is a failed try, not a stuck worker.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The shortest secret accepted: a signature is only as strong as its key.
pub const MIN_SECRET_LEN: usize = 16;

/// Where and how to deliver.
#[derive(Clone)]
pub struct Webhook {
    url: String,
    secret: String,
    client: reqwest::Client,
    timeout: Duration,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret; the URL may carry a token too, so only its scheme and host.
        let host = self
            .url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', '?']).next())
            .unwrap_or("?");
        write!(f, "Webhook({host})")
    }
}

/// One notification as the gateway receives it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Payload<'a> {
    /// The delivery's id (the outbox row): the same on a repeated try, so the gateway can tell
    /// a repeat from a new message.
    pub id: i64,
    /// The kind of notice (`screened`, `broadcast`, …).
    pub kind: &'a str,
    /// When it happened, in milliseconds since the epoch.
    pub created_at: i64,
    pub recipient: Recipient<'a>,
    /// What happened, as one text in the recipient's language (user text as written: the
    /// gateway escapes it for wherever it puts it).
    pub text: &'a str,
    /// Where the person acts: absolute with `INOVASI_PUBLIC_URL`, else our page's path.
    pub link: &'a str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recipient<'a> {
    pub name: &'a str,
    pub email: &'a str,
    /// Their WhatsApp number (digits with the country code), when they gave one.
    pub phone: Option<&'a str>,
    pub lang: &'a str,
}

/// The signature of `body` sent at `timestamp` (seconds): hex HMAC-SHA256 over
/// `"<timestamp>.<body>"`, so a body cannot be replayed under another time.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    // HMAC takes a key of any length.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts every key length"),
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

impl Webhook {
    /// `url`: the gateway's `http://` or `https://` address; `secret`: at least
    /// `MIN_SECRET_LEN` characters.
    pub fn new(url: &str, secret: &str) -> Result<Webhook, String> {
        Webhook::with_timeout(url, secret, TIMEOUT)
    }

    /// The same, giving the gateway `timeout` to answer (the tests' hanging gateway).
    pub fn with_timeout(url: &str, secret: &str, timeout: Duration) -> Result<Webhook, String> {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err("INOVASI_WEBHOOK_URL must be an http:// or https:// address".into());
        }
        if secret.chars().count() < MIN_SECRET_LEN {
            return Err(format!(
                "INOVASI_WEBHOOK_SECRET must be at least {MIN_SECRET_LEN} characters"
            ));
        }
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("the webhook's HTTP client: {e}"))?;
        Ok(Webhook {
            url: url.to_string(),
            secret: secret.to_string(),
            client,
            timeout,
        })
    }

    /// Posts one notification, signed. The error (for the outbox page) is the gateway's status
    /// and the start of its answer, or why it could not be reached; a 4xx other than 408 and
    /// 429 refuses this request for good.
    pub async fn post(&self, payload: &Payload<'_>, now_ms: i64) -> Result<(), Undelivered> {
        let body =
            serde_json::to_vec(payload).map_err(|e| Undelivered::permanent(e.to_string()))?;
        let timestamp = now_ms.div_euclid(1000);
        let response = self
            .client
            .post(&self.url)
            .header("content-type", "application/json")
            .header("x-inovasi-delivery", payload.id.to_string())
            .header("x-inovasi-timestamp", timestamp.to_string())
            .header(
                "x-inovasi-signature",
                format!("sha256={}", sign(&self.secret, timestamp, &body)),
            )
            .body(body)
            .send()
            .await
            .map_err(|e| {
                // Never the address in the error: it may carry the gateway's token.
                let e = e.without_url();
                Undelivered::temporary(if e.is_timeout() {
                    format!(
                        "the gateway did not answer within {} ms",
                        self.timeout.as_millis()
                    )
                } else {
                    format!("the gateway could not be reached: {e}")
                })
            })?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let answer = response.text().await.unwrap_or_default();
        let answer: String = answer.chars().take(200).collect();
        let reason = format!("the gateway answered {status}: {answer}");
        let code = status.as_u16();
        Err(
            if (400..500).contains(&code) && code != 408 && code != 429 {
                Undelivered::permanent(reason)
            } else {
                Undelivered::temporary(reason)
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_covers_time_and_body() {
        // As a gateway checks it (Python: hmac.new(secret, b'1700000000.{"id":1}', sha256)).
        let a = sign("0123456789abcdef", 1_700_000_000, b"{\"id\":1}");
        assert_eq!(
            a,
            "4bcaced68dfea90a68df035b89cb7fb26692d899d32a1ccb1b0616cf48e4d1ed"
        );
        assert_ne!(a, sign("0123456789abcdef", 1_700_000_001, b"{\"id\":1}"));
        assert_ne!(a, sign("0123456789abcdef", 1_700_000_000, b"{\"id\":2}"));
        assert_ne!(a, sign("0123456789abcdeF", 1_700_000_000, b"{\"id\":1}"));
    }

    #[test]
    fn a_weak_or_odd_configuration_is_refused() {
        assert!(Webhook::new("ftp://gw.example", "0123456789abcdef").is_err());
        assert!(Webhook::new("https://gw.example/hook", "short").is_err());
        let hook = Webhook::new("https://gw.example/hook?token=x", "0123456789abcdef");
        assert_eq!(format!("{:?}", hook.expect("valid")), "Webhook(gw.example)");
    }
}
