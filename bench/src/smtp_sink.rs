//! An SMTP server on loopback that accepts every message and counts it, so the broadcast
//! benchmark times delivery through the real mail worker and SMTP client without a mail
//! server's own costs. Speaks just enough of RFC 5321 for lettre (no TLS, no authentication).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// A running sink: its `smtp://` address and how many messages it has taken.
pub struct SmtpSink {
    pub url: String,
    received: Arc<AtomicUsize>,
}

impl SmtpSink {
    pub async fn start() -> std::io::Result<SmtpSink> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let received = Arc::new(AtomicUsize::new(0));
        let counter = received.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let counter = counter.clone();
                tokio::spawn(async move {
                    let (read, mut write) = socket.into_split();
                    let mut lines = BufReader::new(read).lines();
                    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                    let mut in_data = false;
                    while let Ok(Some(line)) = lines.next_line().await {
                        if in_data {
                            if line == "." {
                                in_data = false;
                                counter.fetch_add(1, Ordering::Relaxed);
                                let _ = write.write_all(b"250 queued\r\n").await;
                            }
                            continue;
                        }
                        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                            "DATA" => {
                                in_data = true;
                                b"354 go ahead\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                break;
                            }
                            _ => b"250 ok\r\n",
                        };
                        let _ = write.write_all(reply).await;
                    }
                });
            }
        });
        Ok(SmtpSink {
            url: format!("smtp://127.0.0.1:{port}"),
            received,
        })
    }

    pub fn received(&self) -> usize {
        self.received.load(Ordering::Relaxed)
    }
}
