//! Why a message did not go, as the outbox records it: a temporary failure is tried again
//! later; a permanent one (the mail server refuses the address, the gateway refuses the
//! request) fails at once, since trying again would only be refused again.

/// Deliveries under way at once in one round of a worker, each person's in order in one lane: a
/// broadcast to three thousand people should not wait on one SMTP conversation at a time, and a
/// mail server or gateway should see about this many connections from us, each used again and
/// again (the mail transport keeps this many; one more may open for a moment while a used one
/// is being handed back).
pub const SENDS_AT_ONCE: usize = 4;

/// A message the SMTP server or the gateway did not take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undelivered {
    /// Refused for good (an SMTP 5xx, a gateway's 4xx): no retry.
    pub permanent: bool,
    /// The server's answer, or why it could not be reached, for the outbox page.
    pub reason: String,
}

impl Undelivered {
    pub fn temporary(reason: impl Into<String>) -> Undelivered {
        Undelivered {
            permanent: false,
            reason: reason.into(),
        }
    }

    pub fn permanent(reason: impl Into<String>) -> Undelivered {
        Undelivered {
            permanent: true,
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Undelivered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}
