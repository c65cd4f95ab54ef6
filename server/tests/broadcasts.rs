//! The organisers' broadcast over HTTP on both backends, as an organiser's browser without
//! script does it: compose (refused whole on an unknown placeholder, keeping what was typed),
//! see exactly the people the filter picks with the message as each reads it and a WhatsApp
//! link where they gave a number, send once; organisers only.

mod support;

use app::models::ComplianceFilter;
use app::server::demo;
use app::server::year::compliance;
use reqwest::StatusCode;

async fn count(srv: &support::TestServer, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&srv.db.db.pool)
        .await
        .expect("count")
}

/// The e-mail addresses of the active people of the year's agencies that have handed nothing in.
async fn not_complied_people(srv: &support::TestServer) -> Vec<String> {
    let register = compliance::register(&srv.db.db, ComplianceFilter::default())
        .await
        .expect("register");
    let mut emails = Vec::new();
    for row in register.rows.iter().filter(|r| !r.level.complied()) {
        let mut of: Vec<String> = sqlx::query_scalar(
            "SELECT email FROM users WHERE agency_id = $1 AND active = 1
               AND role IN ('agency_head', 'agency_member')",
        )
        .bind(row.agency_id)
        .fetch_all(&srv.db.db.pool)
        .await
        .expect("people");
        emails.append(&mut of);
    }
    emails
}

on_both_servers!(
    a_broadcast_reaches_exactly_whom_it_picks_once,
    demo::Scenario::Submission,
    |srv| {
        // Organisers only, whatever the page shows.
        let head = srv.signed_in("kepala.puskesmas@inovasi.test").await;
        let judge = srv.signed_in("juri1@inovasi.test").await;
        for (c, path, form) in [
            (&head, "/api/list_broadcasts", vec![]),
            (
                &head,
                "/api/save_broadcast",
                vec![("audience", "judges"), ("message_id", "Halo")],
            ),
            (&judge, "/api/fetch_broadcast", vec![("id", "1")]),
            (&judge, "/api/send_broadcast", vec![("id", "1")]),
        ] {
            let (status, body) = srv.call(c, path, &form).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}: {body}");
        }

        let admin = srv.plain_browser("admin@inovasi.test").await;
        let compose = app::routes::ADMIN_BROADCASTS;

        // An unknown placeholder: refused whole, named, and the form keeps what was typed.
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/save_broadcast",
                compose,
                &[
                    ("audience", "agency_people"),
                    ("compliance", "not_complied"),
                    ("message_id", "Batas {tanggal} untuk {agency}"),
                    ("message_en", ""),
                ],
            )
            .await;
        assert!(location.starts_with(compose), "{location}");
        assert!(html.contains("penanda {tanggal} tidak dikenal"), "{html}");
        assert!(html.contains("Batas {tanggal} untuk {agency}</textarea>"));
        assert!(html.contains(r#"<option value="not_complied" selected"#));
        let (_, html) = srv
            .post_form(
                &admin,
                "/api/save_broadcast",
                compose,
                &[
                    ("audience", "agency_people"),
                    ("message_id", "Halo"),
                    ("message_en", "Hello {name"),
                ],
            )
            .await;
        assert!(html.contains("kurung kurawal tanpa pasangan"), "{html}");
        assert_eq!(count(srv, "SELECT COUNT(*) FROM broadcasts").await, 0);

        // One of the people it will reach gives a WhatsApp number (a wrong one first).
        let expected = not_complied_people(srv).await;
        assert!(expected.len() >= 2, "{expected:?}");
        let member = srv.plain_browser(&expected[0]).await;
        let (_, html) = srv
            .post_form(
                &member,
                "/api/save_notice_prefs",
                app::routes::NOTIFICATIONS,
                &[("phone", "0812-ABC")],
            )
            .await;
        assert!(html.contains("bukan nomor telepon"), "{html}");
        assert!(html.contains(r#"value="0812-ABC""#));
        srv.post_form(
            &member,
            "/api/save_notice_prefs",
            app::routes::NOTIFICATIONS,
            &[("phone", "0812-3456-7890")],
        )
        .await;
        let phone: Option<String> = sqlx::query_scalar("SELECT phone FROM users WHERE email = $1")
            .bind(&expected[0])
            .fetch_one(&srv.db.db.pool)
            .await
            .expect("phone");
        assert_eq!(phone.as_deref(), Some("6281234567890"));

        // The draft shows exactly the agencies' people that have handed nothing in, each with
        // the message filled in for them and escaped.
        let hostile = "Yth. {name} ({agency}) <script>alert(1)</script> & batas {deadline}";
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/save_broadcast",
                compose,
                &[
                    ("audience", "agency_people"),
                    ("compliance", "not_complied"),
                    ("message_id", hostile),
                    ("message_en", ""),
                ],
            )
            .await;
        let id: i64 = sqlx::query_scalar("SELECT id FROM broadcasts")
            .fetch_one(&srv.db.db.pool)
            .await
            .expect("a draft");
        assert_eq!(location, app::routes::admin_broadcast(id));
        let everyone: Vec<String> = sqlx::query_scalar(
            "SELECT email FROM users WHERE role IN ('agency_head', 'agency_member')",
        )
        .fetch_all(&srv.db.db.pool)
        .await
        .expect("agency people");
        for email in &everyone {
            assert_eq!(
                html.contains(email.as_str()),
                expected.contains(email),
                "{email} on the page"
            );
        }
        if let Some(at) = html.find("<script>alert(1)") {
            panic!(
                "unescaped: {}",
                &html[at.saturating_sub(400)..(at + 200).min(html.len())]
            );
        }
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; batas"));
        assert!(html.contains(&format!("Kirim ke {} orang", expected.len())));
        // The one who gave a number has a WhatsApp link with their own message in it.
        assert_eq!(html.matches("https://wa.me/").count(), 1, "{html}");
        assert!(html.contains("https://wa.me/6281234567890?text=Yth.%20"));

        // Sent once: a notification and an e-mail each, recorded and audited.
        let notifications = count(srv, "SELECT COUNT(*) FROM notifications").await;
        let outbox = count(srv, "SELECT COUNT(*) FROM outbox").await;
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/send_broadcast",
                &app::routes::admin_broadcast(id),
                &[("id", &id.to_string())],
            )
            .await;
        assert_eq!(location, app::routes::admin_broadcast_sent(id));
        assert!(html.contains(&format!("Terkirim ke {} orang", expected.len())));
        let n = expected.len() as i64;
        assert_eq!(
            count(srv, "SELECT COUNT(*) FROM notifications").await,
            notifications + n
        );
        assert_eq!(count(srv, "SELECT COUNT(*) FROM outbox").await, outbox + n);
        assert_eq!(
            count(srv, "SELECT COUNT(*) FROM broadcast_recipients").await,
            n
        );
        assert_eq!(
            count(
                srv,
                "SELECT COUNT(*) FROM audit_events WHERE action = 'broadcast.send'"
            )
            .await,
            1
        );
        // What the member reads, in their notifications.
        let own = srv.page(&member, app::routes::NOTIFICATIONS).await;
        assert!(
            own.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{own}"
        );

        // A second send, or a change after sending, is refused and writes nothing.
        let organiser = srv.signed_in("admin@inovasi.test").await;
        let (status, _) = srv
            .call(
                &organiser,
                "/api/send_broadcast",
                &[("id", &id.to_string())],
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = srv
            .call(
                &organiser,
                "/api/save_broadcast",
                &[
                    ("id", &id.to_string()),
                    ("audience", "judges"),
                    ("message_id", "Lain"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(
            count(srv, "SELECT COUNT(*) FROM notifications").await,
            notifications + n
        );

        // A choice that picks nobody (no judge has finished a sheet mid-submission): shown as
        // such, and refused on send.
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/save_broadcast",
                compose,
                &[
                    ("audience", "judges"),
                    ("progress", "done"),
                    ("message_id", "Terima kasih, {name}."),
                ],
            )
            .await;
        assert!(html.contains("tidak mengenai siapa pun saat ini"), "{html}");
        let nobody = location.rsplit('/').next().expect("id").to_string();
        let (status, body) = srv
            .call(&organiser, "/api/send_broadcast", &[("id", &nobody)])
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(
            count(srv, "SELECT COUNT(*) FROM notifications").await,
            notifications + n
        );
        // The list shows both, the sent one with its count.
        let list = srv.page(&admin, compose).await;
        assert!(list.contains(&format!("Terkirim ke {} orang", expected.len())));
        assert!(list.contains("Draf, belum dikirim"));
    }
);
