//! Evidence files over HTTP, on both backends: types judged by content, limits, downloads that
//! check permission every time, removal while in draft.

mod support;

use app::error::{AppError, Problem};
use app::models::{AttachmentInfo, QuestionKind, WizardData};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, StatusCode};
use support::{Backend, TestServer};

/// What these tests need beyond the shared test server: signed-in clients, the wizard, uploads.
trait Files {
    async fn client_for(&self, email: &str) -> Client;
    async fn wizard(&self, c: &Client) -> WizardData;
    async fn upload(
        &self,
        c: &Client,
        proposal: &str,
        question: i64,
        name: &str,
        bytes: Vec<u8>,
    ) -> (StatusCode, String);
}

impl Files for TestServer {
    async fn client_for(&self, email: &str) -> Client {
        self.signed_in(email).await
    }

    async fn wizard(&self, c: &Client) -> WizardData {
        let res = c
            .post(self.url("/api/fetch_wizard"))
            .form(&[("", "")])
            .send()
            .await
            .expect("wizard");
        res.json().await.expect("wizard json")
    }

    async fn upload(
        &self,
        c: &Client,
        proposal: &str,
        question: i64,
        name: &str,
        bytes: Vec<u8>,
    ) -> (StatusCode, String) {
        let form = Form::new()
            .text("proposal_id", proposal.to_string())
            .text("question_id", question.to_string())
            .part("file", Part::bytes(bytes).file_name(name.to_string()));
        let res = c
            .post(self.url("/api/upload_attachment"))
            .header("accept", "application/json")
            .multipart(form)
            .send()
            .await
            .expect("upload");
        (res.status(), res.text().await.expect("body"))
    }
}

fn pdf(extra: &str) -> Vec<u8> {
    support::pdf_by("Sekretariat Disdukcapil", &format!("SK Bupati {extra}"))
}

macro_rules! both {
    ($name:ident, |$srv:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn run($srv: &TestServer) $body
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let s = TestServer::start(Backend::Sqlite).await.expect("sqlite");
                support::bounded(run(&s)).await;
                s.db.destroy().await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(s) = TestServer::start(Backend::Postgres).await else { return };
                support::bounded(run(&s)).await;
                s.db.destroy().await;
            }
        }
    };
}

both!(
    files_are_judged_by_content_and_downloads_check_permission,
    |srv| {
        let staff = srv.client_for("staf.dukcapil@inovasi.test").await;
        let w = srv.wizard(&staff).await;
        let slot = w
            .form
            .questions()
            .find(|q| q.kind == QuestionKind::Evidence)
            .expect("slot")
            .id;
        let not_slot = w
            .form
            .questions()
            .find(|q| q.kind == QuestionKind::LongText)
            .expect("text")
            .id;
        // The device mints a new proposal's id (the wizard page carries none).
        assert_eq!(w.proposal_id, "", "a new proposal's page carries no id");
        let id = uuid::Uuid::new_v4().to_string();

        // A proposal begun offline: the first upload creates it.
        let (status, body) = srv
            .upload(&staff, &id, slot, "SK Bupati.pdf", pdf("a"))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let info: AttachmentInfo = serde_json::from_str(&body).expect("info");
        assert_eq!(info.content_type, "application/pdf");
        assert_eq!(info.file_name, "SK Bupati.pdf");
        // Beside the original, a copy for blind judges without the author was stored.
        let (sha, judge_sha): (String, Option<String>) =
            sqlx::query_as("SELECT sha256, judge_sha256 FROM attachments WHERE id = $1")
                .bind(&info.id)
                .fetch_one(&srv.db.db.pool)
                .await
                .expect("row");
        let original = srv.files.get(&sha).await.expect("original");
        assert!(support::bytes_contain(&original, "Disdukcapil"));
        let copy = srv
            .files
            .get(&judge_sha.expect("a judge copy"))
            .await
            .expect("copy");
        assert!(!support::bytes_contain(&copy, "Disdukcapil"));
        assert!(support::bytes_contain(&copy, "SK Bupati a"));

        // Something that starts like a PDF and is not one is refused as unreadable, by name.
        let (status, body) = srv
            .upload(
                &staff,
                &id,
                slot,
                "rusak.pdf",
                b"%PDF-1.4\n% cut off".to_vec(),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            matches!(serde_json::from_str::<AppError>(&body), Ok(AppError::Invalid(fe)) if fe.problem == Problem::FileUnreadable),
            "{body}"
        );

        // An executable renamed .pdf is refused, and so is a file for a question that takes none.
        let (status, body) = srv
            .upload(
                &staff,
                &id,
                slot,
                "laporan.pdf",
                b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00".to_vec(),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            matches!(serde_json::from_str::<AppError>(&body), Ok(AppError::Invalid(fe)) if fe.problem == Problem::FileType)
        );
        let (status, _) = srv.upload(&staff, &id, not_slot, "x.pdf", pdf("b")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        // Too large: refused while it is still arriving (the server may close the connection
        // before the client has finished sending, which the client sees as an error).
        let form = Form::new()
            .text("proposal_id", id.clone())
            .text("question_id", slot.to_string())
            .part(
                "file",
                Part::bytes(vec![b'%'; 11 * 1024 * 1024]).file_name("besar.pdf"),
            );
        // (Its own client: a connection cut short must not be reused for the next requests.)
        let big = srv.client_for("staf.dukcapil@inovasi.test").await;
        if let Ok(res) = big
            .post(srv.url("/api/upload_attachment"))
            .header("accept", "application/json")
            .multipart(form)
            .send()
            .await
        {
            let status = res.status();
            assert!(
                status == StatusCode::BAD_REQUEST || status == StatusCode::PAYLOAD_TOO_LARGE,
                "{status}"
            );
        }
        let row = app::server::submission::proposals::find(&srv.db.db, &id)
            .await
            .expect("find")
            .expect("row");
        assert_eq!(
            app::server::submission::proposals::attachments(&srv.db.db, &row.id)
                .await
                .expect("list")
                .len(),
            1,
            "nothing stored"
        );

        // Five files at most in this slot.
        for n in 0..4 {
            let (status, _) = srv
                .upload(
                    &staff,
                    &id,
                    slot,
                    &format!("bukti{n}.pdf"),
                    pdf(&n.to_string()),
                )
                .await;
            assert_eq!(status, StatusCode::OK);
        }
        let (status, body) = srv.upload(&staff, &id, slot, "keenam.pdf", pdf("6")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            matches!(serde_json::from_str::<AppError>(&body), Ok(AppError::Invalid(fe)) if fe.problem == Problem::TooMany { max: 5 })
        );

        // Downloads: the agency (head too) and admins; nobody else, and not anonymously.
        let path = format!("/files/{}", info.id);
        let res = staff.get(srv.url(&path)).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        assert!(res.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .contains("SK Bupati.pdf"));
        assert_eq!(res.bytes().await.expect("bytes").to_vec(), pdf("a"));
        let admin = srv.client_for("admin@inovasi.test").await;
        assert_eq!(
            admin
                .get(srv.url(&path))
                .send()
                .await
                .expect("get")
                .status(),
            StatusCode::OK
        );
        let other = srv.client_for("staf.puskesmas@inovasi.test").await;
        assert_eq!(
            other
                .get(srv.url(&path))
                .send()
                .await
                .expect("get")
                .status(),
            StatusCode::NOT_FOUND
        );
        // A judge not assigned to the proposal: exactly as if the file did not exist.
        let judge = srv.client_for("juri1@inovasi.test").await;
        assert_eq!(
            judge
                .get(srv.url(&path))
                .send()
                .await
                .expect("get")
                .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            Client::new()
                .get(srv.url(&path))
                .send()
                .await
                .expect("get")
                .status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            staff
                .get(srv.url("/files/nope"))
                .send()
                .await
                .expect("get")
                .status(),
            StatusCode::NOT_FOUND
        );

        // Another agency cannot attach to this proposal or remove its files.
        let (status, _) = srv.upload(&other, &id, slot, "x.pdf", pdf("x")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let res = other
            .post(srv.url("/api/delete_attachment"))
            .header("accept", "application/json")
            .form(&[("attachment_id", info.id.as_str())])
            .send()
            .await
            .expect("delete");
        assert_eq!(res.status(), StatusCode::NOT_FOUND);

        // The owner removes it; it is gone for downloads too.
        let res = staff
            .post(srv.url("/api/delete_attachment"))
            .header("accept", "application/json")
            .form(&[("attachment_id", info.id.as_str())])
            .send()
            .await
            .expect("delete");
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            staff
                .get(srv.url(&path))
                .send()
                .await
                .expect("get")
                .status(),
            StatusCode::NOT_FOUND
        );
    }
);
