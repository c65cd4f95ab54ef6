//! The room board of the presentation day (issue 16; docs/presentation.md), from the regency's
//! presentation day (`seed-demo --presentation`): the moderator's presses on both databases,
//! who may watch a room, and the live stream — within one server, and across two servers on one
//! Postgres, where a press on one reaches a judge connected to the other.

mod support;

use std::time::{Duration, Instant};

use app::error::AppError;
use app::models::{PhaseBlock, RoomAction, RoomLive, Stage};
use app::server::demo::Scenario;
use app::server::presentation::room;
use app::server::Db;
use reqwest::StatusCode;

async fn seeded(db: &Db) -> Vec<i64> {
    app::server::demo::seed_scenario(db, &support::hasher(), Scenario::Presentation)
        .await
        .expect("seed");
    rooms(db).await
}

async fn rooms(db: &Db) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT r.id FROM rooms r JOIN rounds rd ON rd.id = r.round_id AND rd.is_current = 1
         ORDER BY r.position",
    )
    .fetch_all(&db.pool)
    .await
    .expect("rooms")
}

/// The judges who sit in `room`, by e-mail.
async fn panel(db: &Db, room: i64) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT u.email FROM room_judges rj JOIN users u ON u.id = rj.judge_id
         WHERE rj.room_id = $1 ORDER BY u.email",
    )
    .bind(room)
    .fetch_all(&db.pool)
    .await
    .expect("panel")
}

on_both_backends!(the_moderator_drives_the_room, |db| {
    let rooms = seeded(&db).await;
    let admin = support::user(&db, "admin@inovasi.test").await;
    let room_id = rooms[0];

    // The demo's day: two have presented, the third is presenting now, with its panel's sheets
    // not in yet.
    let live = room::live(&db, room_id).await.expect("live");
    assert_eq!(live.stage, Stage::Presenting);
    assert!(live.running);
    assert_eq!(live.done, 2);
    let first = live.now.clone().expect("someone presents");
    assert!(live.remaining_ms > 0 && live.remaining_ms <= 15 * 60_000);
    assert!(!live.panel.is_empty() && live.panel.iter().all(|s| !s.handed_in));
    let next = live.next.clone().expect("someone is next");
    assert_ne!(next.proposal_id, first.proposal_id);

    // Pause: the clock stands still.
    assert!(room::control(&db, &admin, room_id, RoomAction::Pause, None)
        .await
        .expect("pause"));
    let paused = room::live(&db, room_id).await.expect("live");
    assert!(!paused.running);
    tokio::time::sleep(Duration::from_millis(30)).await;
    assert_eq!(
        room::live(&db, room_id).await.expect("live").remaining_ms,
        paused.remaining_ms
    );
    // A second press of the same button changes nothing (a double tap on the tablet).
    assert!(
        !room::control(&db, &admin, room_id, RoomAction::Pause, None)
            .await
            .expect("pause again")
    );
    assert!(room::control(&db, &admin, room_id, RoomAction::Start, None)
        .await
        .expect("resume"));
    let resumed = room::live(&db, room_id).await.expect("live");
    assert!(resumed.running);
    assert_eq!(resumed.started_seq, live.started_seq, "the same turn");

    // Skip: to the questions, with their own ten minutes; then the turn ends.
    room::control(&db, &admin, room_id, RoomAction::Skip, None)
        .await
        .expect("skip");
    let questions = room::live(&db, room_id).await.expect("live");
    assert_eq!(questions.stage, Stage::Questions);
    assert!(questions.remaining_ms > 9 * 60_000 && questions.remaining_ms <= 10 * 60_000);
    room::control(&db, &admin, room_id, RoomAction::Skip, None)
        .await
        .expect("end");
    let between = room::live(&db, room_id).await.expect("live");
    assert_eq!(between.stage, Stage::Waiting);
    assert_eq!(between.now, None);
    assert_eq!(between.done, 3);

    // Start: the next in the day's order comes on, as a new turn.
    room::control(&db, &admin, room_id, RoomAction::Start, None)
        .await
        .expect("start");
    let on = room::live(&db, room_id).await.expect("live");
    assert_eq!(
        on.now.as_ref().map(|o| &o.proposal_id),
        Some(&next.proposal_id)
    );
    assert!(on.started_seq > live.started_seq);

    // A finalist of the other room, or a made-up room, is "not found"; nothing changes.
    let other: String = sqlx::query_scalar("SELECT proposal_id FROM slots WHERE room_id = $1")
        .bind(rooms[1])
        .fetch_one(&db.pool)
        .await
        .expect("other room's finalist");
    let refused = room::control(&db, &admin, room_id, RoomAction::Start, Some(&other)).await;
    assert!(matches!(refused, Err(AppError::NotFound)), "{refused:?}");
    let refused = room::control(&db, &admin, 999_999, RoomAction::Start, None).await;
    assert!(matches!(refused, Err(AppError::NotFound)), "{refused:?}");
    assert_eq!(room::live(&db, room_id).await.expect("live").seq, on.seq);

    // The first finalist again, by name (came back for a question): the one on the stage ends.
    room::control(
        &db,
        &admin,
        room_id,
        RoomAction::Start,
        Some(&first.proposal_id),
    )
    .await
    .expect("again");
    let again = room::live(&db, room_id).await.expect("live");
    assert_eq!(again.now.map(|o| o.proposal_id), Some(first.proposal_id));

    // Through to the end of the day: then there is nobody to start.
    for _ in 0..20 {
        let live = room::live(&db, room_id).await.expect("live");
        if live.stage == Stage::Waiting && live.next.is_none() {
            break;
        }
        let action = if live.stage == Stage::Waiting {
            RoomAction::Start
        } else {
            RoomAction::Skip
        };
        room::control(&db, &admin, room_id, action, None)
            .await
            .expect("on through the day");
    }
    let over = room::live(&db, room_id).await.expect("live");
    assert_eq!(over.done, over.scheduled);
    let refused = room::control(&db, &admin, room_id, RoomAction::Start, None).await;
    assert!(
        matches!(
            refused,
            Err(AppError::PhaseBlocked(PhaseBlock::RoomDayOver))
        ),
        "{refused:?}"
    );

    // Every press is in the audit trail.
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'room.control'")
            .fetch_one(&db.pool)
            .await
            .expect("audit");
    assert!(audited >= 8, "{audited}");
});

/// The next `room` event of a server-sent-events stream, or `None` when nothing came within
/// `within` (the whole event is read, however the network cut it).
async fn next_room(
    res: &mut reqwest::Response,
    buffer: &mut String,
    within: Duration,
) -> Option<RoomLive> {
    let deadline = Instant::now() + within;
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if let Some(data) = event
                .lines()
                .find_map(|l| l.strip_prefix("data:"))
                .filter(|_| event.contains("event: room"))
            {
                return Some(serde_json::from_str(data.trim()).expect("a room"));
            }
            continue;
        }
        let left = deadline.checked_duration_since(Instant::now())?;
        match tokio::time::timeout(left, res.chunk()).await {
            Ok(Ok(Some(bytes))) => buffer.push_str(&String::from_utf8_lossy(&bytes)),
            _ => return None,
        }
    }
}

on_both_servers!(
    the_room_stream_reaches_the_panel,
    Scenario::Presentation,
    |srv| {
        let db = &srv.db.db;
        let rooms = rooms(db).await;
        let room_id = rooms[0];
        let path = app::routes::room_events(room_id);

        // Who may watch: the organisers and the room's own panel; a judge of the other room gets
        // "not found", an agency is refused, nobody signed in is asked to sign in.
        let seated = panel(db, room_id).await;
        let elsewhere = panel(db, rooms[1]).await;
        let judge = srv.signed_in(&seated[0]).await;
        let other_judge = srv.signed_in(&elsewhere[0]).await;
        let status = |res: reqwest::Response| res.status();
        assert_eq!(
            status(other_judge.get(srv.url(&path)).send().await.expect("get")),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(srv.client().get(srv.url(&path)).send().await.expect("get")),
            StatusCode::UNAUTHORIZED
        );
        let agency = srv.signed_in("kepala.dukcapil@inovasi.test").await;
        assert_eq!(
            status(agency.get(srv.url(&path)).send().await.expect("get")),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            status(
                judge
                    .get(srv.url("/live/rooms/not-a-number"))
                    .send()
                    .await
                    .expect("get")
            ),
            StatusCode::NOT_FOUND
        );

        // The judge's stream starts with the room as it is.
        let mut res = judge.get(srv.url(&path)).send().await.expect("stream");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "text/event-stream");
        let mut buffer = String::new();
        let first = next_room(&mut res, &mut buffer, Duration::from_secs(5))
            .await
            .expect("the room at once");
        assert_eq!(first.stage, Stage::Presenting);

        // The moderator skips to the questions with the board's plain form: the tablet hears it.
        let admin = srv.plain_browser("admin@inovasi.test").await;
        let board = app::routes::admin_room(room_id);
        let (location, html) = srv
            .post_form(
                &admin,
                "/api/control_room",
                &board,
                &[("room", room_id.to_string()), ("action", "skip".into())],
            )
            .await;
        assert_eq!(location, board);
        assert!(html.contains("Tanya jawab"), "{html}");
        let heard = next_room(&mut res, &mut buffer, Duration::from_secs(2))
            .await
            .expect("the press within 2 s");
        assert_eq!(heard.stage, Stage::Questions);

        // A tampered press is refused and changes nothing.
        let (location, _) = srv
            .post_form(
                &admin,
                "/api/control_room",
                &board,
                &[("room", room_id.to_string()), ("action", "explode".into())],
            )
            .await;
        assert!(
            location.starts_with(&format!("{board}?error=")),
            "{location}"
        );
        // A judge may watch but not drive.
        let (status, _) = srv
            .call(
                &judge,
                "/api/control_room",
                &[("room", &room_id.to_string()), ("action", "skip")],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(room::live(db, room_id).await.expect("live").seq, heard.seq);

        // An organiser reopens a sheet of a finalist who presented here: the room hears of it
        // at once, not at its next refresh.
        let (sheet,): (String,) = sqlx::query_as(
            "SELECT s.id FROM score_sheets s
             JOIN slots sl ON sl.proposal_id = s.proposal_id AND sl.room_id = $1
             JOIN rounds r ON r.id = s.round_id AND r.is_current = 1
             WHERE s.status = 'submitted' LIMIT 1",
        )
        .bind(room_id)
        .fetch_one(&db.pool)
        .await
        .expect("a sheet handed in here");
        let organiser = srv.signed_in("admin@inovasi.test").await;
        let (status, body) = srv
            .call(
                &organiser,
                "/api/reopen_score_sheet",
                &[
                    ("sheet_id", &sheet),
                    ("reason", "Nilai kriteria 2 tertukar"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        next_room(&mut res, &mut buffer, Duration::from_secs(2))
            .await
            .expect("the reopened sheet within 2 s");
    }
);

/// Two servers behind a load balancer share the room through Postgres: a press on one reaches
/// a judge whose tablet is connected to the other within 2 s.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_press_on_one_server_reaches_a_judge_on_another() {
    let Some(srv) =
        support::TestServer::start_with(support::Backend::Postgres, Scenario::Presentation).await
    else {
        return;
    };
    support::bounded(async {
        let db = &srv.db.db;
        let room_id = rooms(db).await[0];
        let other = srv.beside().await;
        let seated = panel(db, room_id).await;
        // The judge signs in and listens on the second server.
        let judge = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        let res = judge
            .post(format!("{other}/api/login"))
            .header("accept", "application/json")
            .form(&[
                ("email", seated[0].as_str()),
                ("password", app::server::demo::DEMO_PASSWORD),
            ])
            .send()
            .await
            .expect("login");
        assert_eq!(res.status(), StatusCode::OK);
        let mut stream = judge
            .get(format!("{other}{}", app::routes::room_events(room_id)))
            .send()
            .await
            .expect("stream");
        let mut buffer = String::new();
        let first = next_room(&mut stream, &mut buffer, Duration::from_secs(5))
            .await
            .expect("the room at once");
        // The moderator presses on the first server.
        let admin = srv.signed_in("admin@inovasi.test").await;
        let pressed = Instant::now();
        let (status, body) = srv
            .call(
                &admin,
                "/api/control_room",
                &[("room", &room_id.to_string()), ("action", "pause")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let heard = next_room(&mut stream, &mut buffer, Duration::from_secs(2))
            .await
            .expect("the press reached the other server within 2 s");
        assert!(!heard.running);
        assert!(heard.seq > first.seq);
        eprintln!("delivered across servers in {:?}", pressed.elapsed());
    })
    .await;
    srv.db.destroy().await;
}

/// `form` posted as a browser without script posts a file: where it leads.
async fn post_file(
    srv: &support::TestServer,
    client: &reqwest::Client,
    proposal: &str,
    name: &str,
    bytes: &[u8],
) -> String {
    let form = reqwest::multipart::Form::new()
        .text("proposal_id", proposal.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        );
    let res = client
        .post(srv.url("/api/upload_slides"))
        .header("accept", "text/html")
        .header("referer", srv.url(app::routes::AGENCY))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert!(res.status().is_redirection(), "{}", res.status());
    res.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_string()
}

on_both_servers!(
    slides_are_checked_by_content_and_open_from_the_board,
    Scenario::Presentation,
    |srv| {
        let db = &srv.db.db;
        let rooms = rooms(db).await;
        let live = room::live(db, rooms[0]).await.expect("live");
        let on = live.now.expect("someone presents");
        assert_eq!(on.slides, None);
        let (head,): (String,) = sqlx::query_as(
            "SELECT u.email FROM users u JOIN proposals p ON p.agency_id = u.agency_id
         WHERE p.id = $1 AND u.role = 'agency_head'",
        )
        .bind(&on.proposal_id)
        .fetch_one(&db.pool)
        .await
        .expect("the presenter's head");
        let agency = srv.plain_browser(&head).await;
        let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

        // A picture named like slides is refused by its content, naming the file input.
        let png = {
            let mut png = Vec::new();
            image::DynamicImage::ImageRgba8(image::RgbaImage::new(4, 4))
                .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                .expect("png");
            png
        };
        let location = post_file(srv, &agency, &on.proposal_id, "bahan.pdf", &png).await;
        assert!(location.starts_with("/agency?error="), "{location}");
        assert_eq!(
            room::live(db, rooms[0])
                .await
                .expect("live")
                .now
                .expect("on")
                .slides,
            None
        );

        // Another agency's finalist is "not found"; nothing is stored.
        let (other,): (String,) = sqlx::query_as(
            "SELECT s.proposal_id FROM slots s JOIN proposals p ON p.id = s.proposal_id
         JOIN proposals mine ON mine.id = $1
         WHERE p.agency_id <> mine.agency_id LIMIT 1",
        )
        .bind(&on.proposal_id)
        .fetch_one(&db.pool)
        .await
        .expect("another finalist");
        let location = post_file(srv, &agency, &other, "bahan.pdf", pdf).await;
        assert!(location.starts_with("/agency?error="), "{location}");
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM presentation_slides")
            .fetch_one(&db.pool)
            .await
            .expect("count");
        assert_eq!(stored, 0);

        // The PDF is taken; the agency's home says so and links it.
        let location = post_file(srv, &agency, &on.proposal_id, "Bahan <LAWA>.pdf", pdf).await;
        assert_eq!(location, "/agency?saved=slides");
        let home = srv.page(&agency, &location).await;
        assert!(home.contains("Bahan presentasi tersimpan"), "{home}");
        assert!(home.contains("Bahan &lt;LAWA&gt;.pdf"), "escaped: {home}");

        // The board offers it while the finalist is on the stage.
        let live = room::live(db, rooms[0]).await.expect("live");
        assert_eq!(
            live.now.expect("on").slides.as_deref(),
            Some("Bahan <LAWA>.pdf")
        );
        let admin = srv.signed_in("admin@inovasi.test").await;
        let board = srv.page(&admin, &app::routes::admin_room(rooms[0])).await;
        assert!(board.contains("Buka bahan presentasi"), "{board}");

        // Who may open it: the organisers, the agency, the room's panel; not another room's judge.
        let path = app::routes::slides(&on.proposal_id);
        let seated = panel(db, rooms[0]).await;
        let elsewhere = panel(db, rooms[1]).await;
        for (client, expected) in [
            (admin, StatusCode::OK),
            (agency, StatusCode::OK),
            (srv.signed_in(&seated[0]).await, StatusCode::OK),
            (srv.signed_in(&elsewhere[0]).await, StatusCode::NOT_FOUND),
        ] {
            let res = client.get(srv.url(&path)).send().await.expect("get");
            assert_eq!(res.status(), expected);
            if expected == StatusCode::OK {
                assert_eq!(res.headers()["content-type"], "application/pdf");
                assert_eq!(&res.bytes().await.expect("body")[..], pdf);
            }
        }
    }
);
