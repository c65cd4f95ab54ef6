//! The admins' words for notices over HTTP on both backends, as an admin's browser without
//! script sets them: a placeholder the kind cannot fill, or markup, is refused with the text
//! kept; saved words show in the example, in what people then read, and go back to the default
//! on reset; admins only; every change audited.

mod support;

use app::server::demo;
use reqwest::StatusCode;

/// Posts the template form from its page as a browser without script; where it led and that
/// page's HTML.
async fn post_template(
    srv: &support::TestServer,
    c: &reqwest::Client,
    form: &[(&str, &str)],
) -> (String, String) {
    srv.post_form(
        c,
        "/api/save_notice_template",
        app::routes::ADMIN_TEMPLATES,
        form,
    )
    .await
}

async fn stored(srv: &support::TestServer) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM notice_templates")
        .fetch_one(&srv.db.db.pool)
        .await
        .expect("count")
}

on_both_servers!(
    admins_word_notices_and_people_read_them_so,
    demo::Scenario::Submission,
    |srv| {
        let head = srv.signed_in("kepala.puskesmas@inovasi.test").await;
        for (path, form) in [
            ("/api/fetch_notice_templates", vec![]),
            (
                "/api/save_notice_template",
                vec![("template", "screened_out"), ("text_id", "Halo {title}")],
            ),
        ] {
            let (status, body) = srv.call(&head, path, &form).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}: {body}");
        }

        let admin = srv.plain_browser("admin@inovasi.test").await;
        let page = srv.page(&admin, app::routes::ADMIN_TEMPLATES).await;
        assert!(
            page.contains("Hasil seleksi administrasi: tidak lolos"),
            "{page}"
        );
        assert!(!page.contains("Diubah"));

        // A placeholder this kind cannot fill: refused, naming those it can, text kept.
        let typed = "Maaf, «{title}» belum lolos karena {alasan}";
        let (_, html) = post_template(
            srv,
            &admin,
            &[
                ("template", "screened_out"),
                ("text_id", typed),
                ("text_en", ""),
            ],
        )
        .await;
        assert!(
            html.contains("penanda {alasan} tidak dikenal. Yang dapat dipakai: {title}, {reason}"),
            "{html}"
        );
        assert!(html.contains(&format!(
            "{}</textarea>",
            "Maaf, «{title}» belum lolos karena {alasan}"
        )));
        // Markup, in the English: refused too.
        let (_, html) = post_template(
            srv,
            &admin,
            &[
                ("template", "screened_out"),
                ("text_id", ""),
                ("text_en", "<b>{title}</b> failed"),
            ],
        )
        .await;
        assert!(
            html.contains("plain text") || html.contains("teks biasa"),
            "{html}"
        );
        assert_eq!(stored(srv).await, 0);
        // A template that does not exist.
        let organiser = srv.signed_in("admin@inovasi.test").await;
        let (status, _) = srv
            .call(
                &organiser,
                "/api/save_notice_template",
                &[("template", "password_reset"), ("text_id", "x")],
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // Saved: marked changed, the example in the new words.
        let words = "Maaf, «{title}» belum lolos seleksi: {reason} Hubungi panitia.";
        let (location, html) = post_template(
            srv,
            &admin,
            &[
                ("template", "screened_out"),
                ("text_id", words),
                ("text_en", ""),
            ],
        )
        .await;
        assert_eq!(location, app::routes::admin_template_saved("screened_out"));
        assert!(html.contains("Diubah"));
        assert!(html.contains(
            "Maaf, «Posyandu Digital Ibu Hamil (PODIUM)» belum lolos seleksi: Latar belakang perlu dilengkapi. Hubungi panitia."
        ));
        assert_eq!(stored(srv).await, 1);

        // People read the new words: a proposal fails screening.
        let (status, body) = srv
            .call(&organiser, "/api/move_phase", &[("to", "screening")])
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let id: String = sqlx::query_scalar(
            "SELECT p.id FROM proposals p JOIN users u ON u.agency_id = p.agency_id
             WHERE p.status = 'submitted' AND u.email = 'kepala.puskesmas@inovasi.test'",
        )
        .fetch_one(&srv.db.db.pool)
        .await
        .expect("a proposal handed in by the puskesmas");
        let (status, body) = srv
            .call(
                &organiser,
                "/api/screen_proposal",
                &[
                    ("proposal_id", &id),
                    ("decision", "fail"),
                    ("reason", "Bukti <tidak> lengkap."),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let own = srv.page(&head, app::routes::NOTIFICATIONS).await;
        assert!(
            own.contains("belum lolos seleksi: Bukti &lt;tidak&gt; lengkap. Hubungi panitia."),
            "{own}"
        );

        // Reset: the default again, and both changes in the audit trail.
        let (_, html) = post_template(srv, &admin, &[("template", "screened_out")]).await;
        assert!(!html.contains("Diubah"));
        assert_eq!(stored(srv).await, 0);
        let audited: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM audit_events WHERE action LIKE 'notice_template.%' ORDER BY id",
        )
        .fetch_all(&srv.db.db.pool)
        .await
        .expect("audit");
        assert_eq!(audited, ["notice_template.save", "notice_template.reset"]);
    }
);
