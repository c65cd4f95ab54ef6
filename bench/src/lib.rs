//! What the benchmarks need and the product must not carry (issue 15): bulk data at a large
//! regency's or the nation's scale, and timings of the server's own algorithms. The
//! `inovasi-bench` binary calls these, and so does the crash test (`server/tests/crash.rs`).

pub mod seed;
pub mod smtp_sink;
pub mod timing;
