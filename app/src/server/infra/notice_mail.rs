//! The e-mail for a notification, or for a day's notifications (the digest): a plain-text part
//! and an HTML part, in the recipient's language. Every piece of user text (names, titles,
//! notes, reasons) is escaped in the HTML part; the subject holds none of it, so nobody's title
//! can forge a header or dress up as another kind of message.

use crate::components::{escape_html, escape_lines};
use crate::i18n::{Lang, PageKey};
use crate::models::{notice_kind_label, Notice, NoticeWording};
use crate::routes;

/// An e-mail ready for the SMTP server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One notice, e-mailed when it happened.
pub fn single(
    name: &str,
    notice: &Notice,
    lang: Lang,
    base_url: Option<&str>,
    wording: &NoticeWording,
) -> Mail {
    let subject = format!("Inovasi: {}", notice_kind_label(notice.kind()).text(lang));
    compose(
        subject,
        name,
        std::slice::from_ref(notice),
        lang,
        base_url,
        wording,
    )
}

/// The day's notices in one e-mail.
pub fn digest(
    name: &str,
    notices: &[Notice],
    lang: Lang,
    base_url: Option<&str>,
    wording: &NoticeWording,
) -> Mail {
    let subject = PageKey::MailDigestSubject
        .text(lang)
        .replace("{n}", &notices.len().to_string());
    compose(subject, name, notices, lang, base_url, wording)
}

/// Our own address for `path`: absolute with the site's public address, else the path itself
/// (the reader opens Inovasi and goes there).
pub fn address(base_url: Option<&str>, path: &str) -> String {
    match base_url {
        Some(base) => format!("{}{path}", base.trim_end_matches('/')),
        None => path.to_string(),
    }
}

fn compose(
    subject: String,
    name: &str,
    notices: &[Notice],
    lang: Lang,
    base_url: Option<&str>,
    wording: &NoticeWording,
) -> Mail {
    let hello = PageKey::MailHello.text(lang).replace("{name}", name);
    let open = PageKey::MailOpen.text(lang);
    let why = PageKey::MailWhy.text(lang);
    let prefs = address(base_url, routes::NOTIFICATIONS);

    let mut text = format!("{hello}\n\n");
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a\">\
         <p>{}</p><ul style=\"padding-left:1.2em\">",
        lang.code(),
        escape_html(&subject),
        escape_html(&hello)
    );
    for notice in notices {
        let sentence = notice.sentence_in(lang, wording);
        let link = address(base_url, &notice.link());
        text.push_str(&format!("- {sentence}\n  {open}: {link}\n\n"));
        html.push_str(&format!(
            "<li style=\"margin-bottom:0.8em\">{}<br><a href=\"{}\">{}</a></li>",
            escape_lines(&sentence),
            escape_html(&link),
            escape_html(open)
        ));
    }
    text.push_str(&format!("--\n{why}\n{prefs}\n"));
    html.push_str(&format!(
        "</ul><hr><p style=\"color:#555;font-size:90%\">{}<br><a href=\"{}\">{}</a></p></body></html>",
        escape_html(why),
        escape_html(&prefs),
        escape_html(&prefs)
    ));
    Mail {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hostile() -> Notice {
        Notice::ReturnedToDraft {
            proposal_id: "p-1".into(),
            title: "<script>alert(1)</script> & \"Puskesmas\"".into(),
            note: "Lihat <img src=x onerror=alert(2)>\r\nBcc: someone@example.com".into(),
        }
    }

    #[test]
    fn user_text_is_escaped_in_html_and_kept_out_of_the_subject() {
        let mail = single(
            "Sri <b>Rahayu</b>",
            &hostile(),
            Lang::Id,
            Some("https://inovasi.example.go.id/"),
            &NoticeWording::default(),
        );
        assert!(!mail.html.contains("<script>"), "{}", mail.html);
        assert!(!mail.html.contains("<img"), "{}", mail.html);
        assert!(!mail.html.contains("<b>Rahayu"), "{}", mail.html);
        assert!(mail
            .html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Puskesmas&quot;"));
        // The subject names the kind only, in the recipient's language.
        assert_eq!(
            mail.subject,
            "Inovasi: Proposal dikembalikan kepala instansi"
        );
        assert!(!mail.subject.contains("script"));
        // The text part keeps the words as written, with a link to act on.
        assert!(mail.text.contains("<script>alert(1)</script>"));
        assert!(mail
            .text
            .contains("https://inovasi.example.go.id/agency/proposals/p-1"));
    }

    #[test]
    fn the_digest_lists_every_notice_in_english_when_the_reader_reads_english() {
        let other = Notice::SheetReopened {
            proposal_id: "p-2".into(),
            title: "Sehat Desa".into(),
            reason: "Nilai kriteria 2 salah ketik".into(),
        };
        let mail = digest(
            "Budi",
            &[hostile(), other],
            Lang::En,
            None,
            &NoticeWording::default(),
        );
        assert_eq!(mail.subject, "Inovasi: your 2 notifications of the day");
        assert!(mail.text.starts_with("Hello Budi,"));
        assert!(mail
            .text
            .contains("reopened your score sheet for “Sehat Desa”"));
        // No public address configured: the page's path stands in for the link.
        assert!(mail.text.contains("/judge/proposals/p-2"), "{}", mail.text);
        assert_eq!(mail.html.matches("<li").count(), 2);
    }
}
